import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, MaxLength } from 'class-validator';
import { PageQueryDto, parseBooleanQuery } from '../common/page-query.dto';
import type { InboxSubjectKind } from '../../../../libs/persistence/src';

/** Filter and page for GET /inbox. */
export class ListInboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only messages not yet acknowledged' })
  @IsOptional()
  @Transform(parseBooleanQuery)
  @IsBoolean()
  unread?: boolean;
}

/** One message in your inbox. */
export class InboxMessageView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The case it is about, if any' })
  caseId!: string | null;

  @ApiProperty({
    enum: ['CASE', 'CLEARANCE', 'APPEAL'],
    nullable: true,
    type: String,
    description: 'What caseId names: a vetting case, a held clearance, or an appeal or complaint',
  })
  about!: InboxSubjectKind | null;

  @ApiProperty({ example: 'DECISION', description: 'Why it was sent' })
  reason!: string;

  @ApiProperty({ example: 'You have a new message' })
  subject!: string;

  @ApiProperty()
  body!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When you acknowledged it' })
  readAt!: string | null;
}

/** One page of your inbox, newest first. */
export class InboxPageView {
  @ApiProperty({ type: [InboxMessageView] })
  items!: InboxMessageView[];

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;

  @ApiProperty({ description: 'Messages matching the filter' })
  total!: number;

  @ApiProperty()
  totalPages!: number;

  @ApiProperty({ description: 'Unread messages in the whole inbox, whatever the filter' })
  unread!: number;
}

/** How many messages POST /inbox/read-all acknowledged. */
export class ReadAllView {
  @ApiProperty()
  acknowledged!: number;
}

/** Where to email you when there is something in your inbox. */
export class ContactDto {
  @ApiProperty({ example: 'me@example.org' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;
}
