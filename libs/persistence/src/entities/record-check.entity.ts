import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ProviderMode } from '../../../contracts/src/record-check.types';
import type { CheckOutcome, CheckStatus, CheckType } from '../../../domain/src/record-checks';

/**
 * One record check on a case, keyed by (case, check type). Written only by the record-check workflow's
 * activities; `version` is the workflow's write sequence, so a retried or late write never rolls it back.
 * No foreign key to vetting_case: the case row is written by another workflow's activities, in their order.
 */
@Entity({ name: 'record_check' })
export class RecordCheckEntity {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId!: string;

  @PrimaryColumn('text', { name: 'check_type' })
  checkType!: CheckType;

  @Column('text', { name: 'check_id' })
  checkId!: string;

  @Index('ix_record_check_status')
  @Column('text')
  status!: CheckStatus;

  @Column('text', { nullable: true })
  outcome!: CheckOutcome | null;

  @Column('text', { nullable: true })
  detail!: string | null;

  @Column('text', { nullable: true })
  provider!: string | null;

  @Column('text', { name: 'provider_ref', nullable: true })
  providerRef!: string | null;

  @Column('text', { nullable: true })
  mode!: ProviderMode | null;

  @Column('timestamptz', { name: 'requested_at', nullable: true })
  requestedAt!: Date | null;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('integer')
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
