import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

/** Filters and page for GET /audit. */
export class ListAuditQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only rows about this case' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ description: 'Only rows by this subject id (or "anonymous")' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;
}

/** One audit row, with the two hashes that chain it to its neighbours. */
export class AuditEntryView {
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
  @ApiProperty() hash!: string;
}

/** A page of the audit trail, newest first. */
export class AuditPageView {
  @ApiProperty({ type: [AuditEntryView] }) items!: AuditEntryView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() totalPages!: number;
}

/** Result of walking the whole chain. */
export class AuditVerificationView {
  @ApiProperty({ description: 'false when some row was changed, removed or inserted' }) ok!: boolean;
  @ApiProperty({ description: 'Rows that verified (before the first bad one, if any)' }) rows!: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Newest row (when ok)' }) lastId?:
    string | null;
  @ApiPropertyOptional({ description: 'Hash of the newest row (when ok); keep it elsewhere to pin the tail' })
  lastHash?: string;
  @ApiPropertyOptional({ description: 'First row that does not verify (when not ok)' }) firstBadId?: string;
  @ApiPropertyOptional({ description: 'Why it does not verify (when not ok)' }) reason?: string;
}
