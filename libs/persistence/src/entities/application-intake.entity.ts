import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The API's submission ledger: makes a repeated submission (same Idempotency-Key, or the same person while a
 * case is open) resolve to the case that already exists. Holds a keyed hash of the person, not their identity.
 */
@Entity({ name: 'application_intake' })
@Index('uq_intake_active_person', ['applicantId', 'personKey'], { unique: true, where: 'closed_at IS NULL' })
@Index('uq_intake_idempotency_key', ['applicantId', 'idempotencyKey'], { unique: true })
@Index('ix_intake_person_open', ['personKey'], { where: 'closed_at IS NULL' })
export class ApplicationIntakeEntity {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId!: string;

  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey!: string | null;

  /** Who submitted: keys and repeat submissions resolve only within one principal's own applications. */
  @Column('text', { name: 'applicant_id', nullable: true })
  applicantId!: string | null;

  /**
   * Another open case with the same identity under another account, found at intake: for an officer to look
   * into. Never shown to the applicant.
   */
  @Column('uuid', { name: 'possible_duplicate_of', nullable: true })
  possibleDuplicateOf!: string | null;

  @Column('text', { name: 'person_key' })
  personKey!: string;

  @Column('text', { name: 'request_hash' })
  requestHash!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;
}
