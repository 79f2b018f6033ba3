import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQuery } from '../../common/page-query.dto';
import {
  APPEAL_KINDS,
  APPEAL_STATUSES,
  AppealKind,
  AppealStatus,
  COMPLAINT_OUTCOMES,
  ComplaintOutcome,
  PANEL_RECOMMENDATIONS,
  PanelRecommendation,
  STATEMENT_SIDES,
  StatementSide,
} from '../../../../../libs/domain/src';

// Request bodies for appeals and complaints. Who acts is never in the body: it is the bearer token's subject. The
// appeal rules check text again inside the workflow; these answer 400 first, naming the field.

/** The appeal rules' bound on free text. */
const TEXT = 4000;
const NOT_BLANK = /\S/;
/** A staff id as the staff directory has one (never free text). */
const STAFF_ID = /^[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}$/;
const notBlank = (field: string) => ({ message: `${field} must not be blank` });

export class LodgeAppealDto {
  @ApiProperty({
    enum: APPEAL_KINDS,
    description: 'APPEAL (staff) or COMPLAINT (a recruit refused clearance)',
  })
  @IsIn(APPEAL_KINDS)
  kind!: AppealKind;

  @ApiPropertyOptional({ description: 'The refused case appealed or complained about (a refusal)' })
  @IsOptional()
  @IsUUID('4')
  caseId?: string;

  @ApiPropertyOptional({ description: 'The withdrawn clearance appealed against (a withdrawal)' })
  @IsOptional()
  @IsUUID('4')
  clearanceId?: string;

  @ApiProperty({ example: 'The decision did not take account of …', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('grounds'))
  grounds!: string;
}

export class HearingOutcomeDto {
  @ApiProperty({ enum: ['UPHELD', 'OVERTURNED'], description: 'UPHELD: the refusal or withdrawal stands' })
  @IsIn(['UPHELD', 'OVERTURNED'])
  outcome!: 'UPHELD' | 'OVERTURNED';

  @ApiProperty({ description: 'The review of the decision itself', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('reviewOfDecision'))
  reviewOfDecision!: string;

  @ApiProperty({ description: 'The review of the process followed', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('reviewOfProcess'))
  reviewOfProcess!: string;

  @ApiProperty({ description: 'The review of what was disclosed to the appellant', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('reviewOfDisclosure'))
  reviewOfDisclosure!: string;

  @ApiProperty({ description: 'Reasons for the outcome', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('reasons'))
  reasons!: string;
}

export class StatementDto {
  @ApiProperty({ description: 'Your side’s statement of case to the panel', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('statement'))
  statement!: string;
}

export class ExtensionDto {
  @ApiProperty({ enum: STATEMENT_SIDES })
  @IsIn(STATEMENT_SIDES)
  side!: StatementSide;

  @ApiProperty({
    example: '2027-01-31T17:00:00Z',
    description: 'The new deadline (later than the current one)',
  })
  @IsISO8601({ strict: true })
  dueAt!: string;

  @ApiProperty({
    description: 'Why the extension is granted (written reasons are required)',
    maxLength: TEXT,
  })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('reason'))
  reason!: string;
}

export class RecommendationDto {
  @ApiProperty({ enum: PANEL_RECOMMENDATIONS })
  @IsIn(PANEL_RECOMMENDATIONS)
  recommendation!: PanelRecommendation;

  @ApiProperty({ description: 'The panel’s reasons', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('reasons'))
  reasons!: string;
}

export class ComplaintResponseDto {
  @ApiProperty({ enum: COMPLAINT_OUTCOMES })
  @IsIn(COMPLAINT_OUTCOMES)
  outcome!: ComplaintOutcome;

  @ApiProperty({ description: 'The response to the complainant', maxLength: TEXT })
  @IsString()
  @Length(1, TEXT)
  @Matches(NOT_BLANK, notBlank('response'))
  response!: string;
}

/** Who the appeal's panel secretary is: a member of staff with the PANEL_SECRETARY role, by their staff id. */
export class NameSecretaryDto {
  @ApiPropertyOptional({
    example: 'secretary-1',
    description:
      "The panel secretary's staff id (as the staff directory has it); omitted, you. They get the clock's reminders",
  })
  @IsOptional()
  @IsString()
  @Matches(STAFF_ID, { message: 'secretaryId must be a staff id' })
  secretaryId?: string;
}

/** The work list's "Named secretary" filter: the caller, none named yet, or a staff id; absent for anyone. */
export const SECRETARY_FILTERS = ['me', 'none'] as const;
export type SecretaryFilter = (typeof SECRETARY_FILTERS)[number] | (string & {});

/** The staff's work list: filters, then a page (at most 100) of what they leave, oldest first. */
export class AppealQueueQueryDto extends PageQuery({ defaultPageSize: 20, maxPageSize: 100 }) {
  @ApiPropertyOptional({
    example: 'me',
    description:
      "me: the appeals whose named panel secretary is you; none: those with no secretary named; a staff id: that secretary's; absent: any",
  })
  @IsOptional()
  @IsString()
  @Matches(STAFF_ID, { message: 'secretary must be me, none or a staff id' })
  secretary?: SecretaryFilter;

  @ApiPropertyOptional({ enum: APPEAL_KINDS, description: 'Only appeals, or only complaints' })
  @IsOptional()
  @IsIn(APPEAL_KINDS, { message: `kind must be one of ${APPEAL_KINDS.join(', ')}` })
  kind?: AppealKind;

  @ApiPropertyOptional({
    enum: APPEAL_STATUSES,
    description:
      'Only appeals in this status; absent, every open one (a finished one only when asked by name)',
  })
  @IsOptional()
  @IsIn(APPEAL_STATUSES, { message: `status must be one of ${APPEAL_STATUSES.join(', ')}` })
  status?: AppealStatus;
}
