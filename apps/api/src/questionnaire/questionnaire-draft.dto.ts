import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  AddressHistory,
  CoResident,
  DraftOf,
  EducationEntry,
  EMPLOYMENT_KINDS,
  EmploymentHistory,
  EmploymentKind,
  EmploymentPeriod,
  FamilySection,
  FinancesSection,
  FinancialDeclaration,
  GapExplanation,
  HeldNationality,
  IdentitySection,
  NATIONALITY_ACQUISITIONS,
  NationalityAcquisition,
  Partner,
  PlaceOfBirth,
  PreviousName,
  QuestionnaireAddress,
  QuestionnaireDraft,
  Referee,
  Relative,
  SignificantDebt,
  Trip,
} from '../../../../libs/domain/src';
import { IsCalendarDate } from '../common/calendar-date.validator';

// A draft is work in progress: every field may be missing or null, and the domain rules (validateQuestionnaire)
// say what is still needed. These classes only refuse what could never be right: wrong types, unknown fields,
// malformed dates and codes, oversized text and lists. Each class implements the domain shape it mirrors, so
// the two cannot drift apart without a compile error.

const NAME = 200;
const LINE = 200;
const TEXT = 4000;
// Empty while the applicant has not picked one yet; otherwise an upper-case ISO 3166-1 alpha-2 code.
const COUNTRY = /^(|[A-Z]{2})$/;
const COUNTRY_MESSAGE = 'must be an ISO 3166-1 alpha-2 code like GB (the UK is GB)';

/** Optional free text of at most `max` characters. */
export function OptionalText(max: number, example?: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: String, nullable: true, maxLength: max, example })(target, key);
    IsOptional()(target, key);
    IsString()(target, key);
    MaxLength(max)(target, key);
  };
}

/** Optional YYYY-MM-DD date. */
export function OptionalDate(description?: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: String, format: 'date', nullable: true, description })(target, key);
    IsOptional()(target, key);
    IsCalendarDate()(target, key);
  };
}

/** Optional ISO 3166-1 alpha-2 country code. */
export function OptionalCountry(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: String, nullable: true, example: 'GB' })(target, key);
    IsOptional()(target, key);
    IsString()(target, key);
    Matches(COUNTRY, { message: `${String(key)} ${COUNTRY_MESSAGE}` })(target, key);
  };
}

/** Optional yes/no. */
export function OptionalBoolean(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: Boolean, nullable: true })(target, key);
    IsOptional()(target, key);
    IsBoolean()(target, key);
  };
}

/** Optional nested object of class `type`. */
export function OptionalObject(type: () => new () => object): PropertyDecorator {
  return (target, key) => {
    // Resolved now (every section class is declared above its use): Swagger leaves a lazy type that is also
    // nullable as an empty $ref.
    ApiPropertyOptional({ type: type(), nullable: true })(target, key);
    IsOptional()(target, key);
    IsObject()(target, key);
    ValidateNested()(target, key);
    Type(type)(target, key);
  };
}

/** Optional list of at most `max` objects of class `type`. */
export function OptionalList(type: () => new () => object, max: number): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: () => [type()], nullable: true, maxItems: max })(target, key);
    IsOptional()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(max)(target, key);
    ValidateNested({ each: true })(target, key);
    Type(type)(target, key);
  };
}

export class PreviousNameDto implements DraftOf<PreviousName> {
  @OptionalText(NAME) givenNames?: string | null;
  @OptionalText(NAME) familyName?: string | null;
  @OptionalDate('null: from birth') from?: string | null;
  @OptionalDate() to?: string | null;
  @OptionalText(NAME, 'Marriage') reason?: string | null;
}

export class PlaceOfBirthDto implements DraftOf<PlaceOfBirth> {
  @OptionalText(NAME, 'Leeds') town?: string | null;
  @OptionalCountry() country?: string | null;
}

export class HeldNationalityDto implements DraftOf<HeldNationality> {
  @OptionalCountry() country?: string | null;

  @ApiPropertyOptional({ enum: NATIONALITY_ACQUISITIONS, nullable: true })
  @IsOptional()
  @IsIn(NATIONALITY_ACQUISITIONS)
  acquiredBy?: NationalityAcquisition | null;

  @OptionalDate() acquiredOn?: string | null;
}

export class IdentityDto implements DraftOf<IdentitySection> {
  @OptionalText(NAME, 'Alex') givenNames?: string | null;
  @OptionalText(NAME, 'Morgan') familyName?: string | null;
  @OptionalList(() => PreviousNameDto, 20) previousNames?: PreviousNameDto[] | null;
  @OptionalDate() dateOfBirth?: string | null;
  @OptionalObject(() => PlaceOfBirthDto) placeOfBirth?: PlaceOfBirthDto | null;
  @OptionalList(() => HeldNationalityDto, 10) nationalities?: HeldNationalityDto[] | null;
  @OptionalText(20, 'AB 12 34 56 C') nationalInsuranceNumber?: string | null;
}

export class GapExplanationDto implements DraftOf<GapExplanation> {
  @OptionalDate() from?: string | null;
  @OptionalDate() to?: string | null;
  @OptionalText(TEXT, 'Travelling in South America') explanation?: string | null;
}

export class AddressDto implements DraftOf<QuestionnaireAddress> {
  @ApiPropertyOptional({ type: [String], nullable: true, maxItems: 6, example: ['1 Example Street'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @IsString({ each: true })
  @MaxLength(LINE, { each: true })
  lines?: string[] | null;

  @OptionalText(NAME, 'Leeds') town?: string | null;
  @OptionalText(20, 'LS1 1AA') postcode?: string | null;
  @OptionalCountry() country?: string | null;
  @OptionalDate() from?: string | null;
  @OptionalDate('null: still living there') to?: string | null;
}

export class AddressHistoryDto implements DraftOf<AddressHistory> {
  @OptionalList(() => AddressDto, 100) periods?: AddressDto[] | null;
  @OptionalList(() => GapExplanationDto, 50) gaps?: GapExplanationDto[] | null;
}

export class EmploymentPeriodDto implements DraftOf<EmploymentPeriod> {
  @ApiPropertyOptional({ enum: EMPLOYMENT_KINDS, nullable: true })
  @IsOptional()
  @IsIn(EMPLOYMENT_KINDS)
  kind?: EmploymentKind | null;

  @OptionalText(NAME, 'Example Ltd') employer?: string | null;
  @OptionalText(NAME, 'Analyst') role?: string | null;
  @OptionalText(TEXT) explanation?: string | null;
  @OptionalDate() from?: string | null;
  @OptionalDate('null: current') to?: string | null;
}

export class EmploymentHistoryDto implements DraftOf<EmploymentHistory> {
  @OptionalList(() => EmploymentPeriodDto, 100) periods?: EmploymentPeriodDto[] | null;
  @OptionalList(() => GapExplanationDto, 50) gaps?: GapExplanationDto[] | null;
}

export class EducationEntryDto implements DraftOf<EducationEntry> {
  @OptionalText(NAME, 'University of Leeds') establishment?: string | null;
  @OptionalCountry() country?: string | null;
  @OptionalDate() from?: string | null;
  @OptionalDate('null: still there') to?: string | null;
  @OptionalText(NAME, 'BSc Mathematics') qualification?: string | null;
}

export class RelativeDto implements DraftOf<Relative> {
  @OptionalText(NAME) name?: string | null;
  @OptionalDate() dateOfBirth?: string | null;
  @OptionalCountry() nationality?: string | null;
  @OptionalCountry() countryOfResidence?: string | null;
  @OptionalBoolean() deceased?: boolean | null;
}

export class FamilyDto implements DraftOf<FamilySection> {
  @OptionalList(() => RelativeDto, 4) parents?: RelativeDto[] | null;
  @OptionalList(() => RelativeDto, 30) siblings?: RelativeDto[] | null;
}

export class PartnerDto implements DraftOf<Partner> {
  @OptionalText(NAME) name?: string | null;
  @OptionalDate() dateOfBirth?: string | null;
  @OptionalCountry() nationality?: string | null;
  @OptionalDate() since?: string | null;
}

export class CoResidentDto implements DraftOf<CoResident> {
  @OptionalText(NAME) name?: string | null;
  @OptionalDate() dateOfBirth?: string | null;
  @OptionalCountry() nationality?: string | null;
  @OptionalText(NAME, 'Flatmate') relationship?: string | null;
  @OptionalDate() since?: string | null;
}

export class FinancialDeclarationDto implements DraftOf<FinancialDeclaration> {
  @OptionalBoolean() declared?: boolean | null;
  @OptionalText(TEXT) details?: string | null;
}

export class SignificantDebtDto implements DraftOf<SignificantDebt> {
  @OptionalText(NAME, 'Example Bank') creditor?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 12000, description: 'Whole pounds sterling' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  amountGbp?: number | null;

  @OptionalText(TEXT) details?: string | null;
}

export class FinancesDto implements DraftOf<FinancesSection> {
  @OptionalObject(() => FinancialDeclarationDto) bankruptcy?: FinancialDeclarationDto | null;
  @OptionalObject(() => FinancialDeclarationDto) countyCourtJudgment?: FinancialDeclarationDto | null;
  @OptionalObject(() => FinancialDeclarationDto)
  individualVoluntaryArrangement?: FinancialDeclarationDto | null;
  @OptionalList(() => SignificantDebtDto, 50) significantDebts?: SignificantDebtDto[] | null;
}

export class RefereeDto implements DraftOf<Referee> {
  @OptionalText(NAME) name?: string | null;
  @OptionalText(NAME, 'Former colleague') relationship?: string | null;
  @OptionalDate() knownSince?: string | null;
  @OptionalText(254, 'referee@example.org') email?: string | null;
  @OptionalText(40, '+44 20 7946 0000') phone?: string | null;
  @OptionalBoolean() isRelative?: boolean | null;
}

export class TripDto implements DraftOf<Trip> {
  @OptionalCountry() country?: string | null;
  @OptionalDate() from?: string | null;
  @OptionalDate() to?: string | null;
  @OptionalText(NAME, 'Holiday') purpose?: string | null;
}

/** The applicant's questionnaire in progress: any part may be missing, but what is there has the right shape. */
export class QuestionnaireDraftDto implements QuestionnaireDraft {
  @OptionalObject(() => IdentityDto) identity?: IdentityDto | null;
  @OptionalObject(() => AddressHistoryDto) addresses?: AddressHistoryDto | null;
  @OptionalObject(() => EmploymentHistoryDto) employment?: EmploymentHistoryDto | null;
  @OptionalList(() => EducationEntryDto, 30) education?: EducationEntryDto[] | null;
  @OptionalObject(() => FamilyDto) family?: FamilyDto | null;
  @OptionalObject(() => PartnerDto) partner?: PartnerDto | null;
  @OptionalList(() => CoResidentDto, 30) coResidents?: CoResidentDto[] | null;
  @OptionalObject(() => FinancesDto) finances?: FinancesDto | null;
  @OptionalList(() => RefereeDto, 10) referees?: RefereeDto[] | null;
  @OptionalList(() => TripDto, 300) travel?: TripDto[] | null;
}
