import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ALL_STAGES } from '../../../../../libs/domain/src';
import type { Stage } from '../../../../../libs/domain/src';
import { PageQueryDto, parseBooleanQuery } from '../../common/page-query.dto';

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
    enum: ['ON_TRACK', 'AT_RISK', 'BREACHED'],
    description: 'Service-level state of the current stage',
  })
  @IsOptional()
  @IsIn(['ON_TRACK', 'AT_RISK', 'BREACHED'])
  sla?: 'ON_TRACK' | 'AT_RISK' | 'BREACHED';

  @ApiPropertyOptional({
    enum: ['oldest', 'newest', 'urgency'],
    default: 'oldest',
    description: 'oldest/newest by case age; urgency = soonest stage deadline first ("get next work")',
  })
  @IsOptional()
  @IsIn(['oldest', 'newest', 'urgency'])
  sort: 'oldest' | 'newest' | 'urgency' = 'oldest';
}
