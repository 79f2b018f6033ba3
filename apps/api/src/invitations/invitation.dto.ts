import { ApiProperty } from '@nestjs/swagger';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { InvitationStatus } from '../../../../libs/contracts/src';
import { PageQueryDto } from '../common/page-query.dto';

const STATUSES: readonly InvitationStatus[] = ['OPEN', 'ACCEPTED', 'LAPSED', 'WITHDRAWN'];

/** Whom the sponsor invites: the applicant's opaque user id (a token subject), never a name or email. */
export class CreateInvitationDto {
  @ApiProperty({ example: 'applicant-1' })
  @IsString()
  @Length(1, 200)
  applicantId!: string;
}

/** An invitation as its sponsor or its applicant sees it. */
export class InvitationResponse {
  @ApiProperty({ format: 'uuid' }) invitationId!: string;
  @ApiProperty() sponsorId!: string;
  @ApiProperty() applicantId!: string;
  @ApiProperty({ enum: ['OPEN', 'ACCEPTED', 'LAPSED', 'WITHDRAWN'] }) status!: InvitationStatus;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The case the application became, once accepted',
  })
  caseId!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ description: 'Reminders sent to the applicant so far' }) chasersSent!: number;
}

/** The page, and optionally one status, of the invitations a sponsor sent. */
export class ListInvitationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: InvitationStatus;
}

/** A page of a sponsor's invitations, newest first. */
export class InvitationListResponse {
  @ApiProperty({ type: [InvitationResponse] }) items!: InvitationResponse[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() totalPages!: number;
}
