import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { CaseSnapshot } from '../../../../libs/contracts/src';
import { DomainError } from '../../../../libs/domain/src';
import { ErrorResponse } from '../common/error-response';
import { ApplicationsService } from './applications.service';
import { SubmitApplicationDto } from './submit-application.dto';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,200}$/;

/** Where applications enter the system. */
@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @ApiOperation({ summary: 'Submit an application; it is screened for eligibility straight away' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Resubmitting with the same key returns the same case' })
  @ApiCreatedResponse({ description: 'A new case; the body is the case after screening' })
  @ApiOkResponse({ description: 'The application was already received: the existing case' })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'Idempotency-Key reused for a different application' })
  async submit(
    @Body() dto: SubmitApplicationDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseSnapshot | { caseId: string; status: 'PENDING' }> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 8-200 characters of letters, digits, . _ : -', {
        fields: [{ field: 'Idempotency-Key', problems: ['bad format'] }],
      });
    }
    const result = await this.applications.submit(dto, idempotencyKey);
    res.status(result.created ? 201 : 200).location(`/cases/${result.caseId}`);
    if (!result.created) res.setHeader('Idempotent-Replayed', 'true');
    if (!result.snapshot) {
      res.status(202);
      return { caseId: result.caseId, status: 'PENDING' };
    }
    return result.snapshot;
  }
}
