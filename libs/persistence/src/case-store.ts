import type { DataSource } from 'typeorm';
import { caseWorkflowId } from '../../contracts/src';
import type { RecordTransitionInput } from '../../contracts/src';
import type { FieldCipher, FieldSlot, SealedField } from './field-cipher';

/**
 * Writes the case read-model. Every method is idempotent: replaying the same input changes nothing. The
 * application, the officers' free text (tasks, returned questionnaire items, recommendation, decision) and event payloads are sealed with
 * `cipher` (personal data at rest, docs/encryption.md).
 */
export class CaseStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  /**
   * Stores one event and the snapshot it produced, in one transaction. The event is keyed by (case, seq);
   * the case row only moves forward, so a retried or late write can never roll it back.
   */
  async recordTransition({
    event,
    snapshot,
    application,
  }: RecordTransitionInput): Promise<'recorded' | 'duplicate'> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO vetting_case (id, workflow_id, stage, status, outcome, assignee, investigating_officers,
            application, eligibility, opened_at, stage_entered_at, stage_due_at, closed_at, last_event_seq,
            team, sponsor_id, applicant_id, rules, questionnaire, tasks, checks, recommendation, decision,
            dv_clock_started_at, clock, stage_goal_at, stage_at_risk_at, clock_paused_since, vetting_clock_ms,
            waiting_clock_ms, target_met, requested_sponsor_id, renewal_of, baseline)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
            $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34)
         ON CONFLICT (id) DO UPDATE SET
            stage = EXCLUDED.stage, status = EXCLUDED.status, outcome = EXCLUDED.outcome,
            assignee = EXCLUDED.assignee, investigating_officers = EXCLUDED.investigating_officers,
            application = COALESCE(EXCLUDED.application, vetting_case.application),
            eligibility = EXCLUDED.eligibility, stage_entered_at = EXCLUDED.stage_entered_at,
            stage_due_at = EXCLUDED.stage_due_at, closed_at = EXCLUDED.closed_at,
            last_event_seq = EXCLUDED.last_event_seq, team = EXCLUDED.team, rules = EXCLUDED.rules,
            sponsor_id = EXCLUDED.sponsor_id, requested_sponsor_id = EXCLUDED.requested_sponsor_id,
            questionnaire = EXCLUDED.questionnaire, tasks = EXCLUDED.tasks, checks = EXCLUDED.checks,
            recommendation = EXCLUDED.recommendation, decision = EXCLUDED.decision,
            dv_clock_started_at = EXCLUDED.dv_clock_started_at, clock = EXCLUDED.clock,
            stage_goal_at = EXCLUDED.stage_goal_at, stage_at_risk_at = EXCLUDED.stage_at_risk_at,
            clock_paused_since = EXCLUDED.clock_paused_since, vetting_clock_ms = EXCLUDED.vetting_clock_ms,
            waiting_clock_ms = EXCLUDED.waiting_clock_ms, target_met = EXCLUDED.target_met, renewal_of = EXCLUDED.renewal_of,
            baseline = EXCLUDED.baseline, version = vetting_case.version + 1, updated_at = now()
         WHERE vetting_case.last_event_seq < EXCLUDED.last_event_seq`,
        [
          snapshot.caseId,
          caseWorkflowId(snapshot.caseId),
          snapshot.stage,
          snapshot.status,
          snapshot.outcome,
          snapshot.assignee,
          snapshot.investigatingOfficers,
          this.cipher.sealJson(application ?? null, caseSlot('vetting_case.application', snapshot.caseId)),
          snapshot.eligibility ? JSON.stringify(snapshot.eligibility) : null,
          snapshot.openedAt,
          snapshot.stageEnteredAt,
          snapshot.stageDueAt,
          snapshot.closedAt,
          snapshot.lastEventSeq,
          // Histories recorded before these fields existed replay with them undefined.
          snapshot.team ?? null,
          snapshot.sponsorId ?? null,
          snapshot.applicantId ?? null,
          snapshot.rules ?? 'v1',
          this.cipher.sealJson(
            snapshot.questionnaire ?? null,
            caseSlot('vetting_case.questionnaire', snapshot.caseId),
          ),
          this.cipher.seal(
            JSON.stringify(snapshot.tasks ?? []),
            caseSlot('vetting_case.tasks', snapshot.caseId),
          ),
          JSON.stringify(snapshot.checks ?? []),
          this.cipher.sealJson(
            snapshot.recommendation ?? null,
            caseSlot('vetting_case.recommendation', snapshot.caseId),
          ),
          this.cipher.sealJson(snapshot.decision ?? null, caseSlot('vetting_case.decision', snapshot.caseId)),
          snapshot.dvClockStartedAt ?? null,
          snapshot.clock ? JSON.stringify(snapshot.clock) : null,
          snapshot.clock?.stageGoalAt ?? null,
          snapshot.clock?.stageAtRiskAt ?? null,
          snapshot.clock?.pausedSince ?? null,
          snapshot.clock?.vettingMs ?? 0,
          snapshot.clock?.waitingMs ?? 0,
          snapshot.clock?.targetMet ?? null,
          // A held case's sponsor is named here until they confirm (then sponsor_id carries them).
          snapshot.requestedSponsorId ?? null,
          // The clearance a renewal case renews: the dashboard's renewal SLA share counts these cases.
          snapshot.renewalOf ?? null,
          this.cipher.sealJson(snapshot.baseline ?? null, caseSlot('vetting_case.baseline', snapshot.caseId)),
        ],
      );
      const inserted: unknown[] = await tx.query(
        `INSERT INTO case_event (case_id, seq, actor, action, from_stage, to_stage, occurred_at, payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT ON CONSTRAINT uq_case_event_case_seq DO NOTHING
         RETURNING id`,
        [
          event.caseId,
          event.seq,
          event.actor,
          event.action,
          event.fromStage,
          event.toStage,
          event.occurredAt,
          this.cipher.seal(JSON.stringify(event.payload ?? {}), {
            field: 'case_event.payload',
            row: caseEventRow(event.caseId, event.seq),
          }),
        ],
      );
      if (snapshot.status === 'CLOSED') {
        // Frees the applicant to apply again once this case is over.
        await tx.query(
          `UPDATE application_intake SET closed_at = $2 WHERE case_id = $1 AND closed_at IS NULL`,
          [snapshot.caseId, snapshot.closedAt],
        );
      }
      return inserted.length > 0 ? 'recorded' : 'duplicate';
    });
  }
}

/** The row key a case event's payload is sealed to. */
export function caseEventRow(caseId: string, seq: number): string {
  return `${caseId}:${seq}`;
}

/** The slot of a sealed column of the case row: the row key is the case id. */
export function caseSlot(field: SealedField & `vetting_case.${string}`, caseId: string): FieldSlot {
  return { field, row: caseId };
}
