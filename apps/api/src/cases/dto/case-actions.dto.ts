import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  CONDITION_TYPES,
  ConditionType,
  OFFICER_TASK_KINDS,
  OfficerTaskKind,
} from '../../../../../libs/domain/src';
import { IsCalendarDate } from '../../common/calendar-date.validator';
import { IsTaskDetails } from '../../common/task-details.validator';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsPositive,
  Max,
  IsOptional,
  IsString,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** A condition attached to a grant. */
export class ConditionDto {
  @ApiProperty({ enum: CONDITION_TYPES })
  @IsIn(CONDITION_TYPES)
  type!: ConditionType;

  @ApiProperty({ example: 'No travel to the listed countries without notice' })
  @IsString()
  @Length(1, 1000)
  detail!: string;
}

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

  @ApiPropertyOptional({ enum: ['LOW', 'MEDIUM', 'HIGH'] })
  @IsOptional()
  @IsIn(['LOW', 'MEDIUM', 'HIGH'])
  risk?: 'LOW' | 'MEDIUM' | 'HIGH';

  @ApiPropertyOptional({ type: [ConditionDto], description: 'Proposed conditions' })
  @ValidateIf(
    (o: RecordRecommendationDto) =>
      o.recommendation === 'GRANT_WITH_CONDITIONS' || o.conditions !== undefined,
  )
  @IsArray()
  @ArrayMinSize(1, { message: 'conditions must list at least one condition for GRANT_WITH_CONDITIONS' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ConditionDto)
  conditions?: ConditionDto[];
}

export class RecordDecisionDto {
  @ApiProperty({ enum: ['GRANTED', 'GRANTED_WITH_CONDITIONS', 'REFUSED'] })
  @IsIn(['GRANTED', 'GRANTED_WITH_CONDITIONS', 'REFUSED'])
  outcome!: 'GRANTED' | 'GRANTED_WITH_CONDITIONS' | 'REFUSED';

  @ApiPropertyOptional({ type: [ConditionDto] })
  @ValidateIf((o: RecordDecisionDto) => o.outcome === 'GRANTED_WITH_CONDITIONS' || o.conditions !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: 'conditions must list at least one condition for GRANTED_WITH_CONDITIONS' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ConditionDto)
  conditions?: ConditionDto[];

  @ApiPropertyOptional({ example: '2030-01-31', description: 'Earlier review than the policy default' })
  @IsOptional()
  @IsCalendarDate()
  reviewDueDate?: string;

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

/** Decline a sponsorship request: why (kept in the case history; the applicant is told only that it ended). */
export class DeclineSponsorshipDto {
  @ApiProperty({ example: 'We have no vacancy that needs this level of clearance' })
  @IsString()
  @Length(1, NOTE)
  reason!: string;
}

/** Open an investigation task. */
export class OpenTaskDto {
  @ApiProperty({ enum: OFFICER_TASK_KINDS })
  @IsIn(OFFICER_TASK_KINDS)
  kind!: OfficerTaskKind;

  @ApiProperty({ example: 'Further enquiry: overseas bank account' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({
    type: Object,
    example: { consent: true },
    description: 'Flat key → string/number/boolean/null/string[]',
  })
  @IsTaskDetails()
  details!: Record<string, string | number | boolean | null | string[]>;
}

/** Record progress on a task (contacted, scheduled, rescheduled, adjustments). */
export class UpdateTaskDto {
  @ApiProperty({
    type: Object,
    example: { scheduledFor: '2027-02-01T10:00:00Z', adjustmentsRequested: 'step-free access' },
  })
  @IsTaskDetails()
  details!: Record<string, string | number | boolean | null | string[]>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, NOTE)
  notes?: string;
}

/** Close a task with its outcome. */
export class CloseTaskDto {
  @ApiProperty({ example: 'Referee interviewed; supportive' })
  @IsString()
  @Length(1, 200)
  outcome!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, NOTE)
  notes?: string;
}

/** Waive a task that is not needed, saying why. */
export class WaiveTaskDto {
  @ApiProperty({ example: 'Referee deceased; substitute not required' })
  @IsString()
  @Length(1, NOTE)
  reason!: string;
}

/** Replace a referee. */
export class SubstituteRefereeDto {
  @ApiProperty({ example: 'Referee enquiry: J. Smith' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ type: Object, example: { relationship: 'former manager' } })
  @IsTaskDetails()
  details!: Record<string, string | number | boolean | null | string[]>;

  @ApiProperty({ example: 'Original referee did not respond after two chasers' })
  @IsString()
  @Length(1, NOTE)
  reason!: string;
}

/** An adjudicator sends the case back to investigation. */
export class ReturnToInvestigationDto {
  @ApiProperty({ type: [String], example: ['Clarify the 2019 overseas employment'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  reasons!: string[];
}

/** Pause the vetting-owned clock. */
export class PauseClockDto {
  @ApiProperty({ enum: ['APPLICANT', 'THIRD_PARTY'] })
  @IsIn(['APPLICANT', 'THIRD_PARTY'])
  waitingOn!: 'APPLICANT' | 'THIRD_PARTY';

  @ApiProperty({ example: 'Waiting for the applicant to send bank statements' })
  @IsString()
  @Length(1, NOTE)
  reason!: string;
}

/** Resume the clock. */
export class ResumeClockDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, NOTE)
  notes?: string;
}

/** Extend the current stage's deadline. */
export class ExtendDeadlineDto {
  @ApiProperty({ example: 5, description: 'Clock units (working days under the default policy)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(365)
  by!: number;

  @ApiProperty({ example: "Interview rescheduled at the applicant's request" })
  @IsString()
  @Length(1, NOTE)
  reason!: string;
}
