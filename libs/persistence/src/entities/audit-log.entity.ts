import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One audited request, HMAC-chained to the row before it. Rows are written only through AuditLogStore.append
 * (which serialises appends so the chain cannot fork) and never changed: triggers refuse UPDATE, DELETE and
 * TRUNCATE.
 */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  // bigint arrives as a string: a JS number would silently lose precision past 2^53.
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('text')
  actor!: string;

  @Column('text', { nullable: true })
  role!: string | null;

  @Column('text')
  action!: string;

  @Column('uuid', { name: 'case_id', nullable: true })
  caseId!: string | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text')
  outcome!: string;

  @Column('text', { name: 'request_id' })
  requestId!: string;

  @Column('text', { name: 'prev_hash' })
  prevHash!: string;

  /** HMAC-SHA256 under key_id, or the legacy unkeyed SHA-256 when key_id is null. */
  @Column('text')
  hash!: string;

  /** The AUDIT_KEYS key that signed the row; null for rows written before the chain was keyed. */
  @Column('text', { name: 'key_id', nullable: true })
  keyId!: string | null;
}
