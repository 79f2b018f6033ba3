import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The API's submission ledger: makes a repeated submission (same Idempotency-Key, or the same person while a
 * case is open) resolve to the case that already exists. Holds a keyed hash of the person, not their identity.
 */
@Entity({ name: 'application_intake' })
@Index('uq_intake_active_person', ['personKey'], { unique: true, where: 'closed_at IS NULL' })
export class ApplicationIntakeEntity {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId!: string;

  @Index('uq_intake_idempotency_key', { unique: true })
  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey!: string | null;

  @Column('text', { name: 'person_key' })
  personKey!: string;

  @Column('text', { name: 'request_hash' })
  requestHash!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;
}
