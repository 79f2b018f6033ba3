import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';

// Request bodies for case actions. Who acts is never in the body: it is the bearer token's subject.

const NOTE = 4000;

export class AssignOfficerDto {
  @ApiProperty({ example: 'officer-7' })
  @IsString()
  @Length(1, 100)
  officerId!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, NOTE)
  reason?: string;
}

export class DecideResidencyExceptionDto {
  @ApiProperty({ enum: ['ALLOW', 'DECLINE'] })
  @IsIn(['ALLOW', 'DECLINE'])
  decision!: 'ALLOW' | 'DECLINE';

  @ApiProperty({ example: 'Served overseas with HM Forces 2016-2019; evidence seen.' })
  @IsString()
  @Length(1, NOTE)
  notes!: string;
}

/** Officer's optional notes on acceptance. */
export class AcceptQuestionnaireDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, NOTE)
  notes?: string;
}

export class ReturnQuestionnaireDto {
  @ApiProperty({ type: [String], example: ['addresses: gap between 2019-03 and 2019-07'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'items must list at least one thing to fix' })
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  items!: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, NOTE)
  notes?: string;
}

export class CompleteStageDto {
  @ApiProperty({ example: 'All record checks clear' })
  @IsString()
  @Length(1, 200)
  outcome!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, NOTE)
  notes?: string;
}

export class RecordRecommendationDto {
  @ApiProperty({ enum: ['GRANT', 'GRANT_WITH_CONDITIONS', 'REFUSE'] })
  @IsIn(['GRANT', 'GRANT_WITH_CONDITIONS', 'REFUSE'])
  recommendation!: 'GRANT' | 'GRANT_WITH_CONDITIONS' | 'REFUSE';

  @ApiProperty({ example: 'No security concerns identified.' })
  @IsString()
  @Length(1, NOTE)
  assessment!: string;

  @ApiPropertyOptional({ type: [String] })
  @ValidateIf((o: RecordRecommendationDto) => o.recommendation === 'GRANT_WITH_CONDITIONS' || o.conditions !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: 'conditions must list at least one condition for GRANT_WITH_CONDITIONS' })
  @IsString({ each: true })
  conditions?: string[];
}

export class RecordDecisionDto {
  @ApiProperty({ enum: ['GRANTED', 'GRANTED_WITH_CONDITIONS', 'REFUSED'] })
  @IsIn(['GRANTED', 'GRANTED_WITH_CONDITIONS', 'REFUSED'])
  outcome!: 'GRANTED' | 'GRANTED_WITH_CONDITIONS' | 'REFUSED';

  @ApiPropertyOptional({ type: [String], example: ['No travel to listed countries without notice'] })
  @ValidateIf((o: RecordDecisionDto) => o.outcome === 'GRANTED_WITH_CONDITIONS' || o.conditions !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: 'conditions must list at least one condition for GRANTED_WITH_CONDITIONS' })
  @IsString({ each: true })
  conditions?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Reasons the applicant may be told' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  disclosableReasons?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Reasons that must not be disclosed' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  nonDisclosableReasons?: string[];
}

export class WithdrawDto {
  @ApiProperty({ example: 'Applicant accepted another offer' })
  @IsString()
  @Length(1, NOTE)
  reason!: string;
}
