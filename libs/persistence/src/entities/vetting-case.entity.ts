import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { CaseClock, CheckSummary } from '../../../contracts/src';
import type { EligibilityResult } from '../../../domain/src/eligibility';
import { CaseEventEntity } from './case-event.entity';

/** Read-model row of one case. Written only by the case activities; the workflow owns the truth. */
@Entity({ name: 'vetting_case' })
export class VettingCaseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'workflow_id', unique: true })
  workflowId!: string;

  @Index()
  @Column('text')
  stage!: string;

  @Index()
  @Column('text')
  status!: 'OPEN' | 'CLOSED';

  @Column('text', { nullable: true })
  outcome!: string | null;

  @Index()
  @Column('text', { nullable: true })
  assignee!: string | null;

  @Index()
  @Column('text', { nullable: true })
  team!: string | null;

  @Index()
  @Column('text', { name: 'sponsor_id', nullable: true })
  sponsorId!: string | null;

  /** On a case held in AWAITING_SPONSOR: the sponsor its application names, who alone may answer it. */
  @Column('text', { name: 'requested_sponsor_id', nullable: true })
  requestedSponsorId!: string | null;

  @Index()
  @Column('text', { name: 'applicant_id', nullable: true })
  applicantId!: string | null;

  @Column('text', { name: 'investigating_officers', array: true, default: () => "'{}'" })
  investigatingOfficers!: string[];

  /** The ApplicationInput as JSON, sealed (FieldCipher, `vetting_case.application`); CaseReadModel opens it. */
  @Column('text', { nullable: true })
  application!: string | null;

  @Column('jsonb', { nullable: true })
  eligibility!: EligibilityResult | null;

  @Column('text', { default: 'v1' })
  rules!: 'v1' | 'v2';

  /** The QuestionnaireState as JSON, sealed (FieldCipher, `vetting_case.questionnaire`): returned items. */
  @Column('text', { nullable: true })
  questionnaire!: string | null;

  /** The BaselineState as JSON, sealed (FieldCipher, `vetting_case.baseline`): what the officer asked for. */
  @Column('text', { nullable: true })
  baseline!: string | null;

  /** The CaseTask[] as JSON, sealed (FieldCipher, `vetting_case.tasks`): titles, notes, outcomes. */
  @Column('text', { default: '[]' })
  tasks!: string;

  @Column('jsonb', { default: () => "'[]'::jsonb" })
  checks!: CheckSummary[];

  /** The RecommendationRecord as JSON, sealed (FieldCipher, `vetting_case.recommendation`). */
  @Column('text', { nullable: true })
  recommendation!: string | null;

  /** The DecisionRecord as JSON, sealed (FieldCipher, `vetting_case.decision`): reasons, conditions. */
  @Column('text', { nullable: true })
  decision!: string | null;

  @Column('timestamptz', { name: 'dv_clock_started_at', nullable: true })
  dvClockStartedAt!: Date | null;

  @Column('jsonb', { nullable: true })
  clock!: CaseClock | null;

  @Column('timestamptz', { name: 'stage_goal_at', nullable: true })
  stageGoalAt!: Date | null;

  @Column('timestamptz', { name: 'stage_at_risk_at', nullable: true })
  stageAtRiskAt!: Date | null;

  @Column('timestamptz', { name: 'clock_paused_since', nullable: true })
  clockPausedSince!: Date | null;

  // bigint comes back from pg as a string; the transformer keeps the entity numeric.
  @Column('bigint', {
    name: 'vetting_clock_ms',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  vettingClockMs!: number;

  @Column('bigint', {
    name: 'waiting_clock_ms',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  waitingClockMs!: number;

  @Column('boolean', { name: 'target_met', nullable: true })
  targetMet!: boolean | null;

  /** The clearance a renewal case renews (null for any other case); migration 1764097300000. */
  @Column('uuid', { name: 'renewal_of', nullable: true })
  renewalOf!: string | null;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('timestamptz', { name: 'stage_entered_at' })
  stageEnteredAt!: Date;

  @Column('timestamptz', { name: 'stage_due_at', nullable: true })
  stageDueAt!: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('integer', { name: 'last_event_seq' })
  lastEventSeq!: number;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;

  @OneToMany(() => CaseEventEntity, (event) => event.vettingCase)
  events?: CaseEventEntity[];
}
