import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/auth.decorators';
import { AuditPageView, AuditVerificationView, ListAuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';
import { Audited } from './audited.decorator';
import { ApiStandardResponses } from '../common/api-responses.decorator';

/** The audit trail for auditors. Reading it is itself audited. */
@ApiStandardResponses()
@ApiTags('audit')
@Controller('audit')
@Allow('AUDITOR', 'ADMIN')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Audited('AUDIT_READ')
  @ApiOperation({
    summary: 'Audit rows, newest first, optionally for one case, actor, action and range of days',
  })
  @ApiOkResponse({ type: AuditPageView })
  async list(@Query() query: ListAuditQueryDto): Promise<AuditPageView> {
    const page = await this.audit.list(query);
    return { ...page, totalPages: Math.ceil(page.total / page.pageSize) };
  }

  // A broken chain is a finding about the data, not a failed request: 200 with ok:false, so monitoring can
  // tell "tampered" apart from "verification could not run" (5xx).
  @Get('verify')
  @Audited('AUDIT_READ')
  @ApiOperation({
    summary: 'Walk the hash chain; ok:false names the first row that was changed, removed or inserted',
  })
  @ApiOkResponse({ type: AuditVerificationView })
  verify(): Promise<AuditVerificationView> {
    return this.audit.verify();
  }
}
