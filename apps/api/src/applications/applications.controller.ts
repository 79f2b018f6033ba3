import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { applicantStatusFor, DomainError, Principal } from '../../../../libs/domain/src';
import { Audited } from '../audit/audited.decorator';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { ApplicantCaseView } from '../cases/dto/case.views';
import { ErrorResponse } from '../common/error-response';
import { ApplicationsService } from './applications.service';
import { SubmitApplicationDto } from './submit-application.dto';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,200}$/;

/** Where applications enter the system. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Allow('APPLICANT')
  @Audited('APPLICATION_SUBMIT')
  @ApiOperation({ summary: 'Submit an application; it is screened for eligibility straight away' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Resubmitting with the same key returns the same case',
  })
  @ApiCreatedResponse({ type: ApplicantCaseView, description: 'A new case, screened; its coarse status' })
  @ApiOkResponse({ description: 'The application was already received: the existing case' })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'Idempotency-Key reused for a different application',
  })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: SubmitApplicationDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ApplicantCaseView & { caseId: string }> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'Idempotency-Key must be 8-200 characters of letters, digits, . _ : -',
        {
          fields: [{ field: 'Idempotency-Key', problems: ['bad format'] }],
        },
      );
    }
    const result = await this.applications.submit(principal, dto, idempotencyKey);
    res.status(result.created ? 201 : 200).location(`/cases/${result.caseId}`);
    if (!result.created) res.setHeader('Idempotent-Replayed', 'true');
    // The applicant is told only the coarse status, never the internal stage or screening findings.
    if (!result.snapshot) {
      res.status(202);
      return {
        id: result.caseId,
        caseId: result.caseId,
        status: 'RECEIVED',
        openedAt: new Date().toISOString(),
      };
    }
    const { stage, openedAt } = result.snapshot;
    return { id: result.caseId, caseId: result.caseId, status: applicantStatusFor(stage), openedAt };
  }
}
