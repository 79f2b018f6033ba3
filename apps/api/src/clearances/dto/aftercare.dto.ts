import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ConditionDto } from '../../cases/dto/case-actions.dto';
import {
  CHANGE_KINDS,
  ChangeKind,
  LINE_MANAGER_SEARCH_MAX_LENGTH,
  LINE_MANAGER_SEARCH_MIN_LENGTH,
  REVIEW_ASSIGNEE_FILTERS,
  REVIEW_OUTCOMES,
  ReviewAssigneeFilter,
  ReviewOutcome,
  SPONSOR_ID_PATTERN,
} from '../../../../../libs/domain/src';
import { IsCalendarDate } from '../../common/calendar-date.validator';
import { IsLineManagerSearchTerm } from '../../common/line-manager-search-term.validator';
import { PageQuery } from '../../common/page-query.dto';

// Request bodies for aftercare. Who acts is never in the body: it is the bearer token's subject. The clearance
// rules (libs/domain/src/clearance) check the same bounds again inside the workflow; these answer 400 first,
// naming the field, rather than letting a blank text reach the workflow and come back as a refusal.

/** The clearance rules' bound on free text (MAX_TEXT in clearance-rules.ts). */
const TEXT = 2000;
const NOT_BLANK = /\S/;
const notBlank = (field: string) => ({ message: `${field} must not be blank` });

export class ReportChangeDto {
  @ApiProperty({ enum: CHANGE_KINDS })
  @IsIn(CHANGE_KINDS)
  kind!: ChangeKind;

  @ApiProperty({ example: '2026-11-20', description: 'When the change happened (YYYY-MM-DD)' })
  @IsCalendarDate()
  occurredOn!: string;

  @ApiProperty({ example: 'Moved in with my partner', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('summary'))
  summary!: string;
}

export class SubmitAppraisalDto {
  @ApiProperty({ example: 1, description: "The appraisal year being answered (the clearance's appraisal.n)" })
  @IsInt()
  @Min(1)
  @Max(100)
  n!: number;

  @ApiProperty({ description: 'True when the holder or their line manager raises a concern' })
  @IsBoolean()
  raisesConcern!: boolean;

  @ApiProperty({ example: 'No changes this year; line manager content', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('summary'))
  summary!: string;
}

/** The line manager's part of the annual security appraisal. */
export class SubmitManagerAppraisalDto {
  @ApiProperty({ example: 1, description: "The appraisal year being answered (the clearance's appraisal.n)" })
  @IsInt()
  @Min(1)
  @Max(100)
  n!: number;

  @ApiProperty({
    description:
      "You confirm the holder's conduct this year has been consistent with holding the clearance (false is a concern)",
  })
  @IsBoolean()
  conductConfirmed!: boolean;

  @ApiProperty({ description: 'True when you have a security concern about the holder' })
  @IsBoolean()
  raisesConcern!: boolean;

  @ApiPropertyOptional({
    example: 'Repeatedly left their screen unlocked in the secure area',
    maxLength: TEXT,
    description: 'Required when raisesConcern is true or conductConfirmed is false; not given otherwise',
  })
  // Required (and checked) only with a concern; the clearance rules refuse details without one.
  @ValidateIf((o: SubmitManagerAppraisalDto) => o.raisesConcern === true || o.conductConfirmed === false)
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('concernDetails'))
  concernDetails?: string;
}

/** A staff id as the staff directory keys it (the identity provider's subject). */
const STAFF_ID = /^[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}$/;

/** Who the holder's line manager is: a member of staff with the LINE_MANAGER role, by their staff id. */
export class NameLineManagerDto {
  @ApiProperty({
    example: 'manager-1',
    description: "The line manager's staff id (as the staff directory has it)",
  })
  @IsString()
  @Matches(STAFF_ID, { message: 'lineManagerId must be a staff id' })
  lineManagerId!: string;
}

/** The one staff id a sponsor typed, to check who it is before naming them (never a search of the directory). */
export class LineManagerCandidateQueryDto {
  @ApiProperty({
    example: 'manager-1',
    description:
      'The staff id the sponsor typed, exactly (no partial match: sponsors may not list the directory)',
  })
  @IsString()
  @Matches(STAFF_ID, { message: 'lineManagerId must be a staff id' })
  lineManagerId!: string;
}

/**
 * The name a sponsor searches the staff directory's line managers by. In the body, not the query string, so the
 * name never enters an address, an access log or a browser's history.
 */
export class LineManagerSearchDto {
  @ApiProperty({
    example: 'Ellis',
    minLength: LINE_MANAGER_SEARCH_MIN_LENGTH,
    maxLength: LINE_MANAGER_SEARCH_MAX_LENGTH,
    description:
      'Part of their name: each word must begin a word of the name (case and Latin accents ignored); at least 2 letters or digits',
  })
  @IsString()
  @IsLineManagerSearchTerm()
  term!: string;
}

export class ReportIncidentDto {
  @ApiProperty({ example: 'Left a classified document unattended', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('summary'))
  summary!: string;
}

export class ReportLeaverDto {
  @ApiProperty({ example: '2026-11-30', description: 'Last day in the sponsored post (YYYY-MM-DD)' })
  @IsCalendarDate()
  leftOn!: string;
}

export class TransferSponsorDto {
  @ApiProperty({
    example: 'sponsor-2',
    description: "The new sponsor's reference (their opaque user id, as their sponsor pages show it)",
  })
  @IsString()
  @Matches(SPONSOR_ID_PATTERN, {
    message: "toSponsorId must be 1-200 letters, digits or . _ : @ | - (the new sponsor's reference)",
  })
  toSponsorId!: string;

  @ApiProperty({ example: 'Moved to a post in another directorate', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('reason'))
  reason!: string;
}

export class RecordReviewDto {
  @ApiProperty({ enum: REVIEW_OUTCOMES })
  @IsIn(REVIEW_OUTCOMES)
  outcome!: ReviewOutcome;

  @ApiProperty({ example: 'Partner checked; nothing of concern', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('notes'))
  notes!: string;

  @ApiPropertyOptional({
    type: [ConditionDto],
    description:
      'With CONDITIONS_CHANGED only: the clearance’s conditions from now on, all of them (an empty list lifts every condition). Left out, the outcome is recorded and the conditions stay as they are.',
  })
  // With another outcome the clearance rules refuse them (400): a cross-field rule kept in one place.
  @ValidateIf((o: RecordReviewDto) => o.conditions !== undefined)
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ConditionDto)
  conditions?: ConditionDto[];
}

/** Suspension or restoration: the reason is recorded in the clearance's history. */
export class ClearanceReasonDto {
  @ApiProperty({ example: 'Pending the outcome of an incident review', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('reason'))
  reason!: string;
}

export class WithdrawClearanceDto {
  @ApiProperty({ description: 'Reasons the holder may be told', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('disclosableReasons'))
  disclosableReasons!: string;

  @ApiProperty({
    description: 'Reasons kept from the holder (kept only in the event history)',
    maxLength: TEXT,
  })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('closedReasons'))
  closedReasons!: string;
}

/** A page of an aftercare queue. */
export class ReviewTaskQueryDto extends PageQuery({ defaultPageSize: 20, maxPageSize: 100 }) {}

/** The page of the officers' aftercare review queue, and whose tasks it lists. */
export class ReviewQueueQueryDto extends ReviewTaskQueryDto {
  @ApiPropertyOptional({
    enum: REVIEW_ASSIGNEE_FILTERS,
    description: 'me: the tasks assigned to you; none: the unassigned tasks; absent: every open task',
  })
  @IsOptional()
  @IsIn(REVIEW_ASSIGNEE_FILTERS, { message: `assignee must be one of ${REVIEW_ASSIGNEE_FILTERS.join(', ')}` })
  assignee?: ReviewAssigneeFilter;
}

/** Who is to review a task: the caller themself (an officer), or an officer of the team lead's team. */
export class AssignReviewDto {
  @ApiProperty({
    example: 'officer-7',
    description: "The officer's staff id (as the staff directory has it)",
  })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}$/, { message: 'officerId must be a staff id' })
  officerId!: string;
}
