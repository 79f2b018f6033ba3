import { Controller, Get, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Audited, setAuditCaseId } from '../audit/audited.decorator';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { CLEARANCE_STATUSES, Principal } from '../../../../libs/domain/src';
import { ClearancesService } from './clearances.service';
import type { ClearanceLookupStatus } from '../../../../libs/persistence/src';
import { ApiStandardResponses } from '../common/api-responses.decorator';

/** Whom to look up: the person's opaque user id. */
export class ClearanceLookupQuery {
  @ApiProperty({ example: 'applicant-1' })
  @IsString()
  @Length(1, 200)
  personId!: string;
}

/** The only thing a sponsor learns: valid, expired or none. */
export class ClearanceStatusView {
  @ApiProperty() personId!: string;
  @ApiProperty({ enum: [...CLEARANCE_STATUSES, 'NONE'] }) status!: ClearanceLookupStatus;
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
      'Whether a person you sponsor holds a valid DV clearance: VALID, EXPIRED or NONE, and nothing else (403 for anyone else)',
  })
  @ApiOkResponse({ type: ClearanceStatusView })
  async status(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ClearanceLookupQuery,
    @Req() request: Request,
  ): Promise<ClearanceStatusView> {
    const { status, caseId } = await this.clearances.lookup(principal, query.personId);
    // The audit row names the target through the case that makes the caller its sponsor.
    if (caseId) setAuditCaseId(request, caseId);
    return { personId: query.personId, status };
  }
}
