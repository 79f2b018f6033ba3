import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsCalendarDate } from '../common/calendar-date.validator';
import { PageQuery } from '../common/page-query.dto';
import type { AuditEntry, AuditVerification, ListPage } from '../../../../libs/contracts/src';

/** Filters and page for GET /audit. */
export class ListAuditQueryDto extends PageQuery({ defaultPageSize: 50, maxPageSize: 200 }) {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only rows about this case' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ description: 'Only rows by this subject id (or "anonymous")' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({
    example: 'CASE_ACTION',
    description: 'Only rows of this action; CASE_ACTION also matches every CASE_ACTION:<action>',
  })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]*(:[A-Z][A-Z0-9_]*)?$/, {
    message: 'action must look like CASE_READ or CASE_ACTION:ACCEPT_QUESTIONNAIRE',
  })
  @Length(1, 100)
  action?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'Only rows on or after this day (UTC)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Only rows on or before this day (UTC)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

/** One audit row, with the two hashes that chain it to its neighbours. */
export class AuditEntryView implements AuditEntry {
  @ApiProperty({ description: 'Position in the chain (decimal bigint)' }) id!: string;
  @ApiProperty({ description: 'UTC, microseconds' }) occurredAt!: string;
  @ApiProperty({ description: 'Opaque subject id, or "anonymous"' }) actor!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Roles held, comma-separated' }) role!:
    string | null;
  @ApiProperty({ example: 'CASE_READ' }) action!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) caseId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'X-Access-Reason given by the caller' })
  reason!: string | null;
  @ApiProperty({ example: '200', description: 'HTTP status, or DENIED:<code> / FAILED:<code>' })
  outcome!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty() prevHash!: string;
  @ApiProperty({ description: 'HMAC-SHA256 under keyId (legacy rows: unkeyed SHA-256)' }) hash!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'AUDIT_KEYS key that signed the row; null for legacy rows written before the chain was keyed',
  })
  keyId!: string | null;
}

/** A page of the audit trail, newest first. */
export class AuditPageView implements ListPage<AuditEntry> {
  @ApiProperty({ type: [AuditEntryView] }) items!: AuditEntryView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() totalPages!: number;
}

/** Result of walking the whole chain. */
export class AuditVerificationView implements AuditVerification {
  @ApiProperty({ description: 'false when some row was changed, removed or inserted' }) ok!: boolean;
  @ApiProperty({ description: 'Rows that verified (before the first bad one, if any)' }) rows!: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Newest row (when ok)' }) lastId?:
    string | null;
  @ApiPropertyOptional({ description: 'Hash of the newest row (when ok); keep it elsewhere to pin the tail' })
  lastHash?: string;
  @ApiPropertyOptional({
    description:
      'Leading rows written before the chain was keyed (when ok); if this ever grows, the chain was rewritten',
  })
  legacyRows?: number;
  @ApiPropertyOptional({ description: 'First row that does not verify (when not ok)' }) firstBadId?: string;
  @ApiPropertyOptional({ description: 'Why it does not verify (when not ok)' }) reason?: string;
}
