import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Audited } from '../audit/audited.decorator';
import { Allow } from '../auth/auth.decorators';
import { ClearancesService } from './clearances.service';

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
  @ApiProperty({ enum: ['VALID', 'EXPIRED', 'NONE'] }) status!: 'VALID' | 'EXPIRED' | 'NONE';
}

/** Clearance status lookups for sponsors. */
@ApiTags('clearances')
@ApiBearerAuth()
@Controller('clearances')
export class ClearancesController {
  constructor(private readonly clearances: ClearancesService) {}

  @Get('status')
  @Allow('SPONSOR', 'ADMIN')
  @Audited('CLEARANCE_LOOKUP')
  @ApiOperation({
    summary: 'Whether a person holds a valid DV clearance: VALID, EXPIRED or NONE, and nothing else',
  })
  @ApiOkResponse({ type: ClearanceStatusView })
  async status(@Query() query: ClearanceLookupQuery): Promise<ClearanceStatusView> {
    return { personId: query.personId, status: await this.clearances.statusOf(query.personId) };
  }
}
