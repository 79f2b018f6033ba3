import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ALL_STAGES } from '../../../../../libs/domain/src';
import type { Stage } from '../../../../../libs/domain/src';
import { SLA_STATES } from '../../../../../libs/persistence/src';
import type { SlaState } from '../../../../../libs/persistence/src';
import { PageQueryDto, parseBooleanQuery, parseListQuery } from '../../common/page-query.dto';

/** Filters, order and page for GET /cases. */
export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ALL_STAGES })
  @IsOptional()
  @IsIn(ALL_STAGES, { message: `stage must be one of ${ALL_STAGES.join(', ')}` })
  stage?: Stage;

  @ApiPropertyOptional({ enum: ['OPEN', 'CLOSED'] })
  @IsOptional()
  @IsIn(['OPEN', 'CLOSED'])
  status?: 'OPEN' | 'CLOSED';

  @ApiPropertyOptional({ description: 'Officer id' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  assignee?: string;

  @ApiPropertyOptional({ description: 'Only cases nobody is assigned to' })
  @IsOptional()
  @Transform(parseBooleanQuery)
  @IsBoolean()
  unassigned?: boolean;

  @ApiPropertyOptional({
    type: String,
    example: 'AT_RISK,BREACHED',
    description:
      'Service-level state of the current stage: ON_TRACK, AT_RISK or BREACHED, or several separated by commas ' +
      '(AT_RISK,BREACHED is what a team lead is escalated)',
  })
  @IsOptional()
  @Transform(parseListQuery)
  @IsArray()
  @ArrayMaxSize(SLA_STATES.length)
  @IsIn(SLA_STATES, { each: true, message: `sla must be one or more of ${SLA_STATES.join(', ')}` })
  sla?: SlaState[];

  @ApiPropertyOptional({
    enum: ['oldest', 'newest', 'urgency'],
    default: 'oldest',
    description: 'oldest/newest by case age; urgency = soonest stage deadline first ("get next work")',
  })
  @IsOptional()
  @IsIn(['oldest', 'newest', 'urgency'])
  sort: 'oldest' | 'newest' | 'urgency' = 'oldest';
}
