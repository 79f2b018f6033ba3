import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  Equals,
  IsDefined,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SPONSOR_ID_PATTERN } from '../../../../libs/domain/src';
import { IsApplicationDate, IsCalendarDate } from '../common/calendar-date.validator';

const NATIONALITY_STATUSES = ['BRITISH_BY_BIRTH', 'BRITISH_BY_NATURALISATION', 'NOT_BRITISH'] as const;
const EXCEPTION_REASONS = [
  'HM_FORCES_SERVICE',
  'UK_GOVERNMENT_SERVICE',
  'STUDY_ABROAD',
  'LIVING_ABROAD_WITH_PARENTS',
] as const;
const COUNTRY = /^[A-Z]{2}$/;

export class NationalityDto {
  @ApiProperty({ enum: NATIONALITY_STATUSES })
  @IsIn(NATIONALITY_STATUSES)
  status!: (typeof NATIONALITY_STATUSES)[number];

  @ApiProperty({ type: [String], example: [], description: 'Other nationalities held, ISO 3166-1 alpha-2' })
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(COUNTRY, {
    each: true,
    message: 'each other nationality must be an ISO 3166-1 alpha-2 code like FR',
  })
  otherNationalities!: string[];
}

export class AddressPeriodDto {
  @ApiProperty({ example: 'GB', description: 'ISO 3166-1 alpha-2 country code; GB is the UK' })
  @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code like GB' })
  country!: string;

  @ApiProperty({ example: '2010-01-01', description: 'Not after today' })
  @IsCalendarDate()
  @IsApplicationDate('PAST_OR_TODAY')
  from!: string;

  @ApiProperty({
    example: null,
    nullable: true,
    description: 'null while still living there; not after today',
  })
  @ValidateIf((_, value) => value !== null)
  @IsCalendarDate()
  @IsApplicationDate('PAST_OR_TODAY')
  to!: string | null;
}

/** A vetting application. Only what eligibility and contact need; the DV questionnaire comes later. */
export class SubmitApplicationDto {
  @ApiProperty({ example: 'Alex' })
  @IsString()
  @Length(1, 100)
  givenName!: string;

  @ApiProperty({ example: 'Morgan' })
  @IsString()
  @Length(1, 100)
  familyName!: string;

  @ApiProperty({ example: 'alex.morgan@example.org' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @Length(3, 254)
  email!: string;

  @ApiProperty({ example: '1995-04-12', description: 'Before today' })
  @IsCalendarDate()
  @IsApplicationDate('BIRTH')
  dateOfBirth!: string;

  @ApiProperty({ example: '2027-03-01', description: 'From today up to two years ahead' })
  @IsCalendarDate()
  @IsApplicationDate('INTENDED_START')
  intendedStartDate!: string;

  @ApiProperty({ type: NationalityDto })
  @IsDefined({ message: 'nationality is required' })
  @ValidateNested()
  @Type(() => NationalityDto)
  nationality!: NationalityDto;

  @ApiProperty({ type: [AddressPeriodDto], description: 'Addresses covering at least the last 10 years' })
  @IsArray()
  @ArrayMinSize(1, { message: 'addressHistory must list at least one address period' })
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => AddressPeriodDto)
  addressHistory!: AddressPeriodDto[];

  @ApiPropertyOptional({ enum: EXCEPTION_REASONS, nullable: true })
  @IsOptional()
  @IsIn(EXCEPTION_REASONS)
  residenceExceptionReason?: (typeof EXCEPTION_REASONS)[number] | null;

  @ApiProperty({ example: true, description: 'The applicant agrees to keep the application discreet' })
  @IsBoolean()
  discretionAcknowledged!: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: null,
    description:
      'Must be left out (or null): sponsorship comes only from an invitation the sponsor sent (invitationId)',
  })
  @IsOptional()
  @Equals(null, {
    message:
      'sponsorId cannot be set by the applicant: sponsorship comes only from an invitation (invitationId)',
  })
  sponsorId?: null;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The sponsor invitation this application answers; it must be yours and still open',
  })
  @IsOptional()
  @IsUUID('all', { message: 'invitationId must be a UUID' })
  invitationId?: string;

  @ApiPropertyOptional({
    example: 'sponsor-1',
    description:
      'Without an invitation: the sponsor reference of the sponsor who told you about the post (shown on their ' +
      'sponsor pages). The application waits for that sponsor, and only that sponsor, to confirm it.',
  })
  @IsOptional()
  @IsString()
  @Matches(SPONSOR_ID_PATTERN, {
    message:
      'sponsorReference must be 1-200 letters, digits or . _ : @ | - (the reference your sponsor gave you)',
  })
  sponsorReference?: string;
}
