import type { Role } from './roles';

/**
 * The stage model of a vetting case: one transition table, the single source of truth for the workflow's
 * update validators and system moves, who may act (route roles, the assigned-officer rule, which case views may
 * act), the actions a case offers, the API's 409 answers and the README's stage diagram.
 */

/** Stages in which a case is still being worked. */
export const OPEN_STAGES = [
  'AWAITING_SPONSOR',
  'ELIGIBILITY_SCREENING',
  'RESIDENCY_EXCEPTION_REVIEW',
  'BASELINE_CHECKS',
  'QUESTIONNAIRE',
  'RECORD_CHECKS',
  'INVESTIGATION',
  'RECOMMENDATION',
  'DECISION',
] as const;

/** Stages that end a case. */
export const CLOSED_STAGES = [
  'GRANTED',
  'GRANTED_WITH_CONDITIONS',
  'REFUSED',
  'INELIGIBLE',
  'WITHDRAWN',
  'LAPSED',
  // Failed baseline (BPSS) checks: not a DV refusal (no adjudicator, no four eyes, no appeal route of its own).
  'BASELINE_FAILED',
  'NOT_SPONSORED',
] as const;

export type OpenStage = (typeof OPEN_STAGES)[number];
export type ClosedStage = (typeof CLOSED_STAGES)[number];
export type Stage = OpenStage | ClosedStage;
export const ALL_STAGES: readonly Stage[] = [...OPEN_STAGES, ...CLOSED_STAGES];

/** Every action that can move (or touch) a case. */
export const CASE_ACTIONS = [
  'PASS_SCREENING',
  'FAIL_SCREENING',
  'REFER_RESIDENCY_EXCEPTION',
  'DECIDE_RESIDENCY_EXCEPTION',
  'ASSIGN_OFFICER',
  'ACCEPT_QUESTIONNAIRE',
  'RETURN_QUESTIONNAIRE',
  'COMPLETE_STAGE',
  'RECORD_RECOMMENDATION',
  'RECORD_DECISION',
  'WITHDRAW',
  'WITHDRAW_RENEWAL',
  'LAPSE',
  'SUBMIT_QUESTIONNAIRE',
  'RECORD_CHECK_RESULT',
  'COMPLETE_RECORD_CHECKS',
  'OPEN_TASK',
  'UPDATE_TASK',
  'CLOSE_TASK',
  'WAIVE_TASK',
  'SUBSTITUTE_REFEREE',
  'RETURN_TO_INVESTIGATION',
  'SEND_REMINDER',
  'PAUSE_CLOCK',
  'RESUME_CLOCK',
  'EXTEND_DEADLINE',
  'SUBMIT_BASELINE',
  'RECORD_BASELINE_OUTCOME',
  'CONFIRM_SPONSORSHIP',
  'DECLINE_SPONSORSHIP',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * Who may perform an action: a role from the access token, or the workflow itself. `VETTING_OFFICER` means the
 * officer assigned to the case (the rules refuse anyone else), `SENIOR_ADJUDICATOR` one who did not investigate.
 */
export type Actor = Role | 'SYSTEM';

/** The rule set a case runs under (see CaseFacts.rules). */
export type RuleSet = 'v1' | 'v2';

/** What a case must be for a row to apply to it; a row without `only` applies to every case. */
export interface RowScope {
  /** Only cases under this rule set. */
  readonly rules?: RuleSet;
  /** Only cases with a stage clock. */
  readonly clock?: true;
  /** true: only cases with baseline (BPSS) checks; false: only cases without them. */
  readonly baseline?: boolean;
}

/** One row of the transition table. `when` distinguishes rows of the same action by the command's outcome. */
export interface Transition {
  readonly from: OpenStage;
  readonly action: CaseAction;
  readonly to: Stage;
  /** Who may perform it: one or more roles, or the system. The API's route roles are derived from this. */
  readonly by: readonly Actor[];
  readonly when?: string;
  readonly only?: RowScope;
}

const OFFICER: readonly Actor[] = ['VETTING_OFFICER'];
const ADJUDICATOR: readonly Actor[] = ['SENIOR_ADJUDICATOR'];
const SYSTEM: readonly Actor[] = ['SYSTEM'];

/**
 * A case held for a sponsor's confirmation is not yet vetting work: no officer, clock or deadline touches it
 * until a sponsor confirms the post needs DV (need-to-know: nobody sponsors it yet).
 */
const SPONSOR_HOLD: OpenStage = 'AWAITING_SPONSOR';
/** The open stages in which the case is being vetted (every open stage but the sponsor hold). */
export const VETTING_STAGES: readonly OpenStage[] = OPEN_STAGES.filter((stage) => stage !== SPONSOR_HOLD);

const everyOpenStage = (
  action: CaseAction,
  to: Stage | 'SAME',
  by: readonly Actor[],
  only?: RowScope,
): Transition[] =>
  VETTING_STAGES.map((from) => ({
    from,
    action,
    to: to === 'SAME' ? from : to,
    by,
    ...(only ? { only } : {}),
  }));

const V2: RowScope = { rules: 'v2' };
const CLOCK: RowScope = { clock: true };
const BASELINE: RowScope = { baseline: true };
const NO_BASELINE: RowScope = { baseline: false };

/**
 * The transition table: which action moves a case from which stage to which, and who may perform it. Add a stage
 * or an action by adding rows here; validators, route roles, errors, offered actions and docs follow.
 */
export const TRANSITIONS: readonly Transition[] = [
  // An application that names no invitation waits for the sponsor it names to confirm the post needs DV.
  { from: SPONSOR_HOLD, action: 'CONFIRM_SPONSORSHIP', to: 'ELIGIBILITY_SCREENING', by: ['SPONSOR'] },
  { from: SPONSOR_HOLD, action: 'DECLINE_SPONSORSHIP', to: 'NOT_SPONSORED', by: ['SPONSOR'] },
  { from: SPONSOR_HOLD, action: 'LAPSE', to: 'LAPSED', by: SYSTEM },
  // Only the applicant withdraws here: the sponsor, not yet the case's sponsor, declines instead.
  { from: SPONSOR_HOLD, action: 'WITHDRAW', to: 'WITHDRAWN', by: ['APPLICANT'] },
  {
    from: 'ELIGIBILITY_SCREENING',
    action: 'PASS_SCREENING',
    to: 'BASELINE_CHECKS',
    by: SYSTEM,
    only: BASELINE,
  },
  {
    from: 'ELIGIBILITY_SCREENING',
    action: 'PASS_SCREENING',
    to: 'QUESTIONNAIRE',
    by: SYSTEM,
    only: NO_BASELINE,
  },
  { from: 'ELIGIBILITY_SCREENING', action: 'FAIL_SCREENING', to: 'INELIGIBLE', by: SYSTEM },
  {
    from: 'ELIGIBILITY_SCREENING',
    action: 'REFER_RESIDENCY_EXCEPTION',
    to: 'RESIDENCY_EXCEPTION_REVIEW',
    by: SYSTEM,
  },
  {
    from: 'RESIDENCY_EXCEPTION_REVIEW',
    action: 'DECIDE_RESIDENCY_EXCEPTION',
    to: 'BASELINE_CHECKS',
    by: OFFICER,
    when: 'ALLOW',
    only: BASELINE,
  },
  {
    from: 'RESIDENCY_EXCEPTION_REVIEW',
    action: 'DECIDE_RESIDENCY_EXCEPTION',
    to: 'QUESTIONNAIRE',
    by: OFFICER,
    when: 'ALLOW',
    only: NO_BASELINE,
  },
  {
    from: 'RESIDENCY_EXCEPTION_REVIEW',
    action: 'DECIDE_RESIDENCY_EXCEPTION',
    to: 'INELIGIBLE',
    by: OFFICER,
    when: 'DECLINE',
  },
  // Baseline (BPSS) checks, before the DV questionnaire, on new first applications only (see CaseKind.baseline).
  { from: 'BASELINE_CHECKS', action: 'SUBMIT_BASELINE', to: 'BASELINE_CHECKS', by: ['APPLICANT'] },
  // The BPSS record check reports here; a result other than CLEAR is for the officer's outcome, not a task.
  { from: 'BASELINE_CHECKS', action: 'RECORD_CHECK_RESULT', to: 'BASELINE_CHECKS', by: SYSTEM },
  {
    from: 'BASELINE_CHECKS',
    action: 'RECORD_BASELINE_OUTCOME',
    to: 'QUESTIONNAIRE',
    by: OFFICER,
    when: 'PASS',
  },
  {
    from: 'BASELINE_CHECKS',
    action: 'RECORD_BASELINE_OUTCOME',
    to: 'BASELINE_CHECKS',
    by: OFFICER,
    when: 'NEEDS_INFORMATION',
  },
  {
    from: 'BASELINE_CHECKS',
    action: 'RECORD_BASELINE_OUTCOME',
    to: 'BASELINE_FAILED',
    by: OFFICER,
    when: 'FAIL',
  },
  { from: 'BASELINE_CHECKS', action: 'LAPSE', to: 'LAPSED', by: SYSTEM, only: CLOCK },
  { from: 'QUESTIONNAIRE', action: 'SUBMIT_QUESTIONNAIRE', to: 'QUESTIONNAIRE', by: ['APPLICANT'] },
  { from: 'QUESTIONNAIRE', action: 'ACCEPT_QUESTIONNAIRE', to: 'RECORD_CHECKS', by: OFFICER },
  { from: 'QUESTIONNAIRE', action: 'RETURN_QUESTIONNAIRE', to: 'QUESTIONNAIRE', by: OFFICER },
  { from: 'QUESTIONNAIRE', action: 'LAPSE', to: 'LAPSED', by: SYSTEM, only: CLOCK },
  { from: 'RECORD_CHECKS', action: 'RECORD_CHECK_RESULT', to: 'RECORD_CHECKS', by: SYSTEM, only: V2 },
  { from: 'RECORD_CHECKS', action: 'COMPLETE_RECORD_CHECKS', to: 'INVESTIGATION', by: SYSTEM, only: V2 },
  // Check reviews exist only under v2; there the stage usually ends by itself (the row above).
  { from: 'RECORD_CHECKS', action: 'UPDATE_TASK', to: 'RECORD_CHECKS', by: OFFICER, only: V2 },
  { from: 'RECORD_CHECKS', action: 'CLOSE_TASK', to: 'RECORD_CHECKS', by: OFFICER, only: V2 },
  { from: 'RECORD_CHECKS', action: 'WAIVE_TASK', to: 'RECORD_CHECKS', by: OFFICER, only: V2 },
  { from: 'RECORD_CHECKS', action: 'COMPLETE_STAGE', to: 'INVESTIGATION', by: OFFICER },
  { from: 'INVESTIGATION', action: 'OPEN_TASK', to: 'INVESTIGATION', by: OFFICER },
  { from: 'INVESTIGATION', action: 'UPDATE_TASK', to: 'INVESTIGATION', by: OFFICER },
  { from: 'INVESTIGATION', action: 'CLOSE_TASK', to: 'INVESTIGATION', by: OFFICER },
  { from: 'INVESTIGATION', action: 'WAIVE_TASK', to: 'INVESTIGATION', by: OFFICER },
  { from: 'INVESTIGATION', action: 'SUBSTITUTE_REFEREE', to: 'INVESTIGATION', by: OFFICER },
  { from: 'INVESTIGATION', action: 'COMPLETE_STAGE', to: 'RECOMMENDATION', by: OFFICER },
  { from: 'RECOMMENDATION', action: 'RECORD_RECOMMENDATION', to: 'DECISION', by: OFFICER },
  { from: 'DECISION', action: 'RETURN_TO_INVESTIGATION', to: 'INVESTIGATION', by: ADJUDICATOR },
  { from: 'DECISION', action: 'RECORD_DECISION', to: 'GRANTED', by: ADJUDICATOR, when: 'GRANTED' },
  {
    from: 'DECISION',
    action: 'RECORD_DECISION',
    to: 'GRANTED_WITH_CONDITIONS',
    by: ADJUDICATOR,
    when: 'GRANTED_WITH_CONDITIONS',
  },
  { from: 'DECISION', action: 'RECORD_DECISION', to: 'REFUSED', by: ADJUDICATOR, when: 'REFUSED' },
  ...everyOpenStage('ASSIGN_OFFICER', 'SAME', ['TEAM_LEAD', 'ADMIN']),
  ...everyOpenStage('SEND_REMINDER', 'SAME', SYSTEM, CLOCK),
  ...everyOpenStage('PAUSE_CLOCK', 'SAME', OFFICER, CLOCK),
  ...everyOpenStage('RESUME_CLOCK', 'SAME', OFFICER, CLOCK),
  // Moving a deadline is the team lead's call (DOMAIN.md: team leads own queues and receive escalations).
  ...everyOpenStage('EXTEND_DEADLINE', 'SAME', ['TEAM_LEAD'], CLOCK),
  ...everyOpenStage('WITHDRAW', 'WITHDRAWN', ['APPLICANT', 'SPONSOR']),
  // A renewal case whose clearance ended (withdrawn, lapsed, expired) has nothing left to renew: the system
  // withdraws it, giving the clearance's end as the reason.
  ...everyOpenStage('WITHDRAW_RENEWAL', 'WITHDRAWN', SYSTEM),
];

/** The kind of case a row is checked against: its rule set and whether it has a stage clock. */
export interface CaseKind {
  rules?: RuleSet;
  clock?: object | null;
  /** Present when the case runs baseline (BPSS) checks before the questionnaire. */
  baseline?: object | null;
}

/** Whether a row applies to a case of this kind; with no kind, every row applies (the table as documented). */
export function rowAppliesTo(row: Transition, kind?: CaseKind): boolean {
  if (!kind || !row.only) return true;
  if (row.only.rules && row.only.rules !== (kind.rules ?? 'v1')) return false;
  if (row.only.baseline !== undefined && row.only.baseline !== Boolean(kind.baseline)) return false;
  return !row.only.clock || Boolean(kind.clock);
}

/** The roles that may perform an action, from the `by` column (the system is not a role). */
export function rolesFor(action: CaseAction): Role[] {
  const roles = new Set<Role>();
  for (const t of TRANSITIONS) {
    if (t.action !== action) continue;
    for (const actor of t.by) if (actor !== 'SYSTEM') roles.add(actor);
  }
  return [...roles];
}

/** Actions only the officer assigned to the case may perform (a `VETTING_OFFICER` row). */
export function isAssignedOfficerAction(action: CaseAction): boolean {
  return TRANSITIONS.some((t) => t.action === action && t.by.includes('VETTING_OFFICER'));
}

/** Actions the workflow performs itself. */
export function isSystemAction(action: CaseAction): boolean {
  return TRANSITIONS.some((t) => t.action === action && t.by.includes('SYSTEM'));
}

/** True when the stage ends the case. */
export function isClosedStage(stage: Stage): stage is ClosedStage {
  return (CLOSED_STAGES as readonly string[]).includes(stage);
}

/** True for any known stage name (used to validate filters and stored values). */
export function isStage(value: string): value is Stage {
  return (ALL_STAGES as readonly string[]).includes(value);
}

/**
 * Actions the table lets people perform from `stage` (system-only actions are never listed). Given the case's
 * kind, only the rows that apply to it: no clock actions on a case without a clock. What would be accepted right
 * now (questionnaire submitted, tasks settled, an officer assigned) is availableActions in case-rules.ts.
 */
export function allowedActions(stage: Stage, kind?: CaseKind): CaseAction[] {
  const actions = TRANSITIONS.filter(
    (t) => t.from === stage && t.by.some((actor) => actor !== 'SYSTEM') && rowAppliesTo(t, kind),
  ).map((t) => t.action);
  return [...new Set(actions)];
}

/**
 * The row for an action from a stage (and outcome, where the action has several), if the table has one that
 * applies to a case of this kind.
 */
export function findTransition(
  stage: Stage,
  action: CaseAction,
  when?: string,
  kind?: CaseKind,
): Transition | undefined {
  return TRANSITIONS.find(
    (t) =>
      t.from === stage &&
      t.action === action &&
      (t.when === undefined || t.when === when) &&
      rowAppliesTo(t, kind),
  );
}

/** The stage diagram as mermaid, rendered from the table so the README cannot drift from the code. */
export function renderStageDiagram(): string {
  const lines = ['stateDiagram-v2', '    [*] --> AWAITING_SPONSOR', '    [*] --> ELIGIBILITY_SCREENING'];
  const seen = new Set<string>();
  for (const t of TRANSITIONS) {
    const offFlow = [
      'ASSIGN_OFFICER',
      'WITHDRAW',
      'WITHDRAW_RENEWAL',
      'PAUSE_CLOCK',
      'RESUME_CLOCK',
      'EXTEND_DEADLINE',
    ];
    if (offFlow.includes(t.action)) continue;
    // Task bookkeeping and check results keep the stage; listing them would bury the flow.
    const shown = [
      'RETURN_QUESTIONNAIRE',
      'SUBMIT_QUESTIONNAIRE',
      'SUBMIT_BASELINE',
      'RECORD_BASELINE_OUTCOME',
    ];
    if (t.from === t.to && !shown.includes(t.action)) continue;
    const label = t.when ? `${t.action} (${t.when})` : t.action;
    const line = `    ${t.from} --> ${t.to}: ${label}`;
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  }
  lines.push('    note right of DECISION: WITHDRAW from any open stage --> WITHDRAWN');
  for (const s of CLOSED_STAGES) lines.push(`    ${s} --> [*]`);
  return lines.join('\n');
}
