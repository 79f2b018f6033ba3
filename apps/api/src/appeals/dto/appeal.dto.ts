import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import {
  APPEAL_KINDS,
  AppealKind,
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
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}$/, { message: 'secretaryId must be a staff id' })
  secretaryId?: string;
}
