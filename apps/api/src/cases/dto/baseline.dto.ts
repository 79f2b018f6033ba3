import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  ValidateIf,
} from 'class-validator';
import {
  BASELINE_OUTCOMES,
  BaselineDeclarationDraft,
  BaselineOutcome,
  DraftOf,
  IDENTITY_DOCUMENT_KINDS,
  IdentityDocumentKind,
  PeriodAbroad,
  RIGHT_TO_WORK_EVIDENCE_KINDS,
  RightToWorkEvidenceKind,
} from '../../../../../libs/domain/src';
import {
  EmploymentHistoryDto,
  OptionalBoolean,
  OptionalCountry,
  OptionalDate,
  OptionalList,
  OptionalObject,
  OptionalText,
} from '../../questionnaire/questionnaire-draft.dto';

// Like the questionnaire's draft classes, these refuse only what could never be right (wrong types, unknown
// fields, malformed dates, oversized text); validateBaselineDeclaration says what is still missing, each by path.

const REFERENCE = 100;
const TEXT = 4000;

/** An optional value from a fixed list. */
function OptionalChoice(values: readonly string[]): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ enum: values, nullable: true })(target, key);
    IsOptional()(target, key);
    IsIn(values)(target, key);
  };
}

export class BaselineIdentityDto {
  @OptionalChoice(IDENTITY_DOCUMENT_KINDS) documentKind?: IdentityDocumentKind | null;
  @OptionalText(REFERENCE, '123456789') documentReference?: string | null;
}

export class RightToWorkDto {
  @OptionalChoice(RIGHT_TO_WORK_EVIDENCE_KINDS) evidenceKind?: RightToWorkEvidenceKind | null;
  @OptionalText(REFERENCE, '123456789') evidenceReference?: string | null;
}

export class ConvictionsDto {
  @OptionalBoolean() hasUnspent?: boolean | null;
  @OptionalText(TEXT) details?: string | null;
}

export class PeriodAbroadDto implements DraftOf<PeriodAbroad> {
  @OptionalCountry() country?: string | null;
  @OptionalDate() from?: string | null;
  @OptionalDate() to?: string | null;
  @OptionalText(TEXT, 'Work placement') reason?: string | null;
}

export class AbroadDto {
  @OptionalBoolean() livedAbroad?: boolean | null;
  @OptionalList(() => PeriodAbroadDto, 50) periods?: PeriodAbroadDto[] | null;
}

/** The applicant's baseline (BPSS) declaration; personal data, so it is sealed wherever it is kept. */
export class BaselineDeclarationDto implements BaselineDeclarationDraft {
  @OptionalObject(() => BaselineIdentityDto) identity?: BaselineIdentityDto | null;
  @OptionalObject(() => RightToWorkDto) rightToWork?: RightToWorkDto | null;
  @OptionalObject(() => EmploymentHistoryDto) employment?: EmploymentHistoryDto | null;
  @OptionalObject(() => ConvictionsDto) convictions?: ConvictionsDto | null;
  @OptionalObject(() => AbroadDto) abroad?: AbroadDto | null;
}

/** The officer's outcome of the baseline checks. */
export class RecordBaselineOutcomeDto {
  @ApiProperty({ enum: BASELINE_OUTCOMES })
  @IsIn(BASELINE_OUTCOMES)
  outcome!: BaselineOutcome;

  @ApiPropertyOptional({
    type: [String],
    description: 'Required for NEEDS_INFORMATION: what the applicant must supply (they see these words)',
    example: ['A share code for your right to work'],
  })
  @ValidateIf(
    (dto: RecordBaselineOutcomeDto) => dto.outcome === 'NEEDS_INFORMATION' || dto.missingItems !== undefined,
  )
  @IsArray()
  @ArrayMinSize(1, { message: 'missingItems must list at least one thing the applicant must supply' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  missingItems?: string[];

  @ApiPropertyOptional({ description: 'Required for FAIL: why (internal; the applicant is not shown it)' })
  @ValidateIf((dto: RecordBaselineOutcomeDto) => dto.outcome === 'FAIL' || dto.notes !== undefined)
  @IsString()
  @Length(1, TEXT)
  notes?: string;
}
