import { Controller, Get, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Audited, setAuditCaseId } from '../audit/audited.decorator';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { CLEARANCE_STATUSES, Principal } from '../../../../libs/domain/src';
import { ClearancesService } from './clearances.service';
import { RenewalView, renewalView } from './dto/clearance.views';
import type { ClearanceLookupStatus } from '../../../../libs/persistence/src';
import { ApiStandardResponses } from '../common/api-responses.decorator';

/** Whom to look up: the person's opaque user id. */
export class ClearanceLookupQuery {
  @ApiProperty({ example: 'applicant-1' })
  @IsString()
  @Length(1, 200)
  personId!: string;
}

/**
 * The only thing a sponsor learns: the status of the person's latest clearance (or NONE), which one it is, and
 * its renewal case if one was opened (the sponsor is a party to that case).
 */
export class ClearanceStatusView {
  @ApiProperty() personId!: string;
  @ApiProperty({ enum: [...CLEARANCE_STATUSES, 'NONE'] }) status!: ClearanceLookupStatus;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The clearance, for reporting an incident or a leaver against it; absent when NONE',
  })
  clearanceId?: string;

  @ApiPropertyOptional({
    type: RenewalView,
    description:
      "The clearance's latest renewal case, once one was opened: while it is OPEN the clearance stays valid past its renewal date",
  })
  renewal?: RenewalView;
}

/** Clearance status lookups for sponsors. */
@ApiStandardResponses()
@ApiTags('clearances')
@Controller('clearances')
export class ClearancesController {
  constructor(private readonly clearances: ClearancesService) {}

  @Get('status')
  @Allow('SPONSOR', 'ADMIN')
  @Audited('CLEARANCE_LOOKUP')
  @ApiOperation({
    summary:
      "The status of a sponsored person's latest DV clearance (VALID, SUSPENDED, WITHDRAWN, EXPIRED, LAPSED, RENEWED or NONE), its id and its renewal case, nothing else (403 for anyone else)",
  })
  @ApiOkResponse({ type: ClearanceStatusView })
  async status(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ClearanceLookupQuery,
    @Req() request: Request,
  ): Promise<ClearanceStatusView> {
    const { status, caseId, clearanceId, renewal } = await this.clearances.lookup(principal, query.personId);
    // The audit row names the target through the case that makes the caller its sponsor.
    if (caseId) setAuditCaseId(request, caseId);
    return {
      personId: query.personId,
      status,
      ...(clearanceId ? { clearanceId } : {}),
      ...(renewal ? { renewal: renewalView(renewal) } : {}),
    };
  }
}
