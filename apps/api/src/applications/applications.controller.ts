import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, Principal } from '../../../../libs/domain/src';
import { applicantView, CasesService } from '../cases/cases.service';
import { Audited } from '../audit/audited.decorator';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { ApplicantCaseListView, SubmittedApplicationView } from '../cases/dto/case.views';
import { RelatedCasesQueryDto } from '../cases/dto/related-cases-query.dto';
import { ErrorResponse } from '../common/error-response';
import { ApplicationsService } from './applications.service';
import { SubmitApplicationDto } from './submit-application.dto';
import { ApiStandardResponses } from '../common/api-responses.decorator';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,200}$/;

/** Where applications enter the system. */
@ApiStandardResponses()
@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly cases: CasesService,
  ) {}

  @Get()
  @Allow('APPLICANT')
  @Audited('APPLICATION_LIST')
  @ApiOperation({
    summary: 'Your own applications, newest first, each with its coarse status (and outcome once decided)',
  })
  @ApiOkResponse({ type: ApplicantCaseListView })
  listOwn(
    @CurrentPrincipal() principal: Principal,
    @Query() query: RelatedCasesQueryDto,
  ): Promise<ApplicantCaseListView> {
    return this.cases.listOwnApplications(principal, query);
  }

  @Post()
  @Allow('APPLICANT')
  @Audited('APPLICATION_SUBMIT')
  @ApiOperation({ summary: 'Submit an application; it is screened for eligibility straight away' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Resubmitting with the same key returns the same case',
  })
  @ApiCreatedResponse({
    type: SubmittedApplicationView,
    description: 'A new case, screened; its coarse status',
  })
  @ApiOkResponse({
    type: SubmittedApplicationView,
    description: 'The application was already received: the existing case',
  })
  @ApiAcceptedResponse({
    type: SubmittedApplicationView,
    description: 'Received; screening has not finished yet',
  })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'Idempotency-Key reused for a different application',
  })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: SubmitApplicationDto,
    @Headers('Idempotency-Key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SubmittedApplicationView> {
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
    return { ...applicantView(result.snapshot), caseId: result.caseId };
  }
}
