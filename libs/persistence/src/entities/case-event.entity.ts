import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { VettingCaseEntity } from './vetting-case.entity';

/** Append-only history of a case. (case_id, seq) makes every write idempotent under activity retries. */
@Entity({ name: 'case_event' })
@Unique('uq_case_event_case_seq', ['caseId', 'seq'])
export class CaseEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @ManyToOne(() => VettingCaseEntity, (c) => c.events, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  vettingCase?: VettingCaseEntity;

  @Column('integer')
  seq!: number;

  @Column('text')
  actor!: string;

  @Column('text')
  action!: string;

  @Column('text', { name: 'from_stage', nullable: true })
  fromStage!: string | null;

  @Column('text', { name: 'to_stage' })
  toStage!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  /** The payload (officers' notes, reasons) as JSON, sealed (FieldCipher, `case_event.payload`). */
  @Column('text')
  payload!: string;
}
