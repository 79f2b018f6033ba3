/**
 * The one SLA rule of the read-model, written twice side by side: in TypeScript for a row already loaded (a case
 * view) and in SQL for filters over many rows (`sla=` on the case list). The dashboard and the metrics count
 * with the same rule without reading every case: `case_counter_keys` (migration 1764082000000) judges a paused
 * clock at its pause and counts running clocks per day of their instants, and DashboardReadModel.slaCountsByStage
 * compares those with now. `test/integration/read-model.spec.ts` checks that the SQL and TypeScript agree over a
 * table of cases, and `case-counters.spec.ts` that the counts equal this expression's. Change them together.
 *
 * The instants come from the workflow's clock (`libs/domain/src/clock`): it works out `stage_at_risk_at` and
 * `stage_due_at` in working days (bank holidays excluded) when the stage is entered and moves them when a paused
 * clock resumes, so the rule itself only compares instants.
 * - Only an open case with a deadline has an SLA state; anything else is null.
 * - A paused clock is judged as of the instant it paused (waiting on the applicant uses none of the time).
 * - BREACHED once strictly past the deadline: finishing at the deadline instant meets it.
 * - AT_RISK once strictly past the at-risk instant (when there is one), ON_TRACK before.
 */
export type SlaState = 'ON_TRACK' | 'AT_RISK' | 'BREACHED';

/** Every SLA state, in order of urgency (for validation and reports). */
export const SLA_STATES: readonly SlaState[] = ['ON_TRACK', 'AT_RISK', 'BREACHED'];

/** The columns of a `vetting_case` row the rule reads. */
export interface SlaFacts {
  status: 'OPEN' | 'CLOSED';
  stageDueAt: Date | null;
  stageAtRiskAt: Date | null;
  clockPausedSince: Date | null;
}

/** The SLA state of a case's current stage at `now` (epoch ms), by the rule above. */
export function slaStateOf(row: SlaFacts, now: number): SlaState | null {
  if (row.status !== 'OPEN' || !row.stageDueAt) return null;
  const at = row.clockPausedSince?.getTime() ?? now;
  if (at > row.stageDueAt.getTime()) return 'BREACHED';
  if (row.stageAtRiskAt && at > row.stageAtRiskAt.getTime()) return 'AT_RISK';
  return 'ON_TRACK';
}

/**
 * The same rule as a SQL expression over `vetting_case` aliased `alias`, judged at `now` (a SQL expression,
 * `now()` unless a test pins it). The alias and `now` are code, never user input.
 */
export function slaStateSql(alias = 'c', now = 'now()'): string {
  const at = `COALESCE(${alias}.clock_paused_since, ${now})`;
  return `(CASE
  WHEN ${alias}.status <> 'OPEN' OR ${alias}.stage_due_at IS NULL THEN NULL
  WHEN ${at} > ${alias}.stage_due_at THEN 'BREACHED'
  WHEN ${alias}.stage_at_risk_at IS NOT NULL AND ${at} > ${alias}.stage_at_risk_at THEN 'AT_RISK'
  ELSE 'ON_TRACK' END)`;
}
