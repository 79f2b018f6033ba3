import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { InvitationStatus } from '../../../../libs/contracts/src';

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
