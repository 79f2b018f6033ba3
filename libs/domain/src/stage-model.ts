/**
 * The stage model of a vetting case: one transition table, the single source of truth for the workflow's
 * update validators, the API's 409 answers and the README's stage diagram.
 */

/** Stages in which a case is still being worked. */
export const OPEN_STAGES = [
  'ELIGIBILITY_SCREENING',
  'RESIDENCY_EXCEPTION_REVIEW',
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
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Who may perform an action; enforced by the domain (officer/adjudicator) and later by authentication. */
export type ActorKind =
  'SYSTEM' | 'OFFICER' | 'TEAM_LEAD' | 'SENIOR_ADJUDICATOR' | 'APPLICANT' | 'APPLICANT_OR_SPONSOR';

/** One row of the transition table. `when` distinguishes rows of the same action by the command's outcome. */
export interface Transition {
  readonly from: OpenStage;
  readonly action: CaseAction;
  readonly to: Stage;
  readonly by: ActorKind;
  readonly when?: string;
}

const everyOpenStage = (action: CaseAction, to: Stage | 'SAME', by: ActorKind): Transition[] =>
  OPEN_STAGES.map((from) => ({ from, action, to: to === 'SAME' ? from : to, by }));

/** The transition table. Add a stage by adding rows here; validators, errors and docs follow. */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'ELIGIBILITY_SCREENING', action: 'PASS_SCREENING', to: 'QUESTIONNAIRE', by: 'SYSTEM' },
  { from: 'ELIGIBILITY_SCREENING', action: 'FAIL_SCREENING', to: 'INELIGIBLE', by: 'SYSTEM' },
  {
    from: 'ELIGIBILITY_SCREENING',
    action: 'REFER_RESIDENCY_EXCEPTION',
    to: 'RESIDENCY_EXCEPTION_REVIEW',
    by: 'SYSTEM',
  },
  {
    from: 'RESIDENCY_EXCEPTION_REVIEW',
    action: 'DECIDE_RESIDENCY_EXCEPTION',
    to: 'QUESTIONNAIRE',
    by: 'OFFICER',
    when: 'ALLOW',
  },
  {
    from: 'RESIDENCY_EXCEPTION_REVIEW',
    action: 'DECIDE_RESIDENCY_EXCEPTION',
    to: 'INELIGIBLE',
    by: 'OFFICER',
    when: 'DECLINE',
  },
  { from: 'QUESTIONNAIRE', action: 'SUBMIT_QUESTIONNAIRE', to: 'QUESTIONNAIRE', by: 'APPLICANT' },
  { from: 'QUESTIONNAIRE', action: 'ACCEPT_QUESTIONNAIRE', to: 'RECORD_CHECKS', by: 'OFFICER' },
  { from: 'QUESTIONNAIRE', action: 'RETURN_QUESTIONNAIRE', to: 'QUESTIONNAIRE', by: 'OFFICER' },
  { from: 'QUESTIONNAIRE', action: 'LAPSE', to: 'LAPSED', by: 'SYSTEM' },
  { from: 'RECORD_CHECKS', action: 'RECORD_CHECK_RESULT', to: 'RECORD_CHECKS', by: 'SYSTEM' },
  { from: 'RECORD_CHECKS', action: 'COMPLETE_RECORD_CHECKS', to: 'INVESTIGATION', by: 'SYSTEM' },
  { from: 'RECORD_CHECKS', action: 'UPDATE_TASK', to: 'RECORD_CHECKS', by: 'OFFICER' },
  { from: 'RECORD_CHECKS', action: 'CLOSE_TASK', to: 'RECORD_CHECKS', by: 'OFFICER' },
  { from: 'RECORD_CHECKS', action: 'WAIVE_TASK', to: 'RECORD_CHECKS', by: 'OFFICER' },
  { from: 'RECORD_CHECKS', action: 'COMPLETE_STAGE', to: 'INVESTIGATION', by: 'OFFICER' },
  { from: 'INVESTIGATION', action: 'OPEN_TASK', to: 'INVESTIGATION', by: 'OFFICER' },
  { from: 'INVESTIGATION', action: 'UPDATE_TASK', to: 'INVESTIGATION', by: 'OFFICER' },
  { from: 'INVESTIGATION', action: 'CLOSE_TASK', to: 'INVESTIGATION', by: 'OFFICER' },
  { from: 'INVESTIGATION', action: 'WAIVE_TASK', to: 'INVESTIGATION', by: 'OFFICER' },
  { from: 'INVESTIGATION', action: 'SUBSTITUTE_REFEREE', to: 'INVESTIGATION', by: 'OFFICER' },
  { from: 'INVESTIGATION', action: 'COMPLETE_STAGE', to: 'RECOMMENDATION', by: 'OFFICER' },
  { from: 'RECOMMENDATION', action: 'RECORD_RECOMMENDATION', to: 'DECISION', by: 'OFFICER' },
  { from: 'DECISION', action: 'RETURN_TO_INVESTIGATION', to: 'INVESTIGATION', by: 'SENIOR_ADJUDICATOR' },
  { from: 'DECISION', action: 'RECORD_DECISION', to: 'GRANTED', by: 'SENIOR_ADJUDICATOR', when: 'GRANTED' },
  {
    from: 'DECISION',
    action: 'RECORD_DECISION',
    to: 'GRANTED_WITH_CONDITIONS',
    by: 'SENIOR_ADJUDICATOR',
    when: 'GRANTED_WITH_CONDITIONS',
  },
  { from: 'DECISION', action: 'RECORD_DECISION', to: 'REFUSED', by: 'SENIOR_ADJUDICATOR', when: 'REFUSED' },
  ...everyOpenStage('ASSIGN_OFFICER', 'SAME', 'TEAM_LEAD'),
  ...everyOpenStage('SEND_REMINDER', 'SAME', 'SYSTEM'),
  ...everyOpenStage('PAUSE_CLOCK', 'SAME', 'OFFICER'),
  ...everyOpenStage('RESUME_CLOCK', 'SAME', 'OFFICER'),
  ...everyOpenStage('EXTEND_DEADLINE', 'SAME', 'TEAM_LEAD'),
  ...everyOpenStage('WITHDRAW', 'WITHDRAWN', 'APPLICANT_OR_SPONSOR'),
];

/** True when the stage ends the case. */
export function isClosedStage(stage: Stage): stage is ClosedStage {
  return (CLOSED_STAGES as readonly string[]).includes(stage);
}

/** True for any known stage name (used to validate filters and stored values). */
export function isStage(value: string): value is Stage {
  return (ALL_STAGES as readonly string[]).includes(value);
}

/** Actions a case in `stage` accepts from people (system-only actions are not offered to callers). */
export function allowedActions(stage: Stage): CaseAction[] {
  const actions = TRANSITIONS.filter((t) => t.from === stage && t.by !== 'SYSTEM').map((t) => t.action);
  return [...new Set(actions)];
}

/** The row for an action from a stage (and outcome, where the action has several), if the table has one. */
export function findTransition(stage: Stage, action: CaseAction, when?: string): Transition | undefined {
  return TRANSITIONS.find(
    (t) => t.from === stage && t.action === action && (t.when === undefined || t.when === when),
  );
}

/** The stage diagram as mermaid, rendered from the table so the README cannot drift from the code. */
export function renderStageDiagram(): string {
  const lines = ['stateDiagram-v2', '    [*] --> ELIGIBILITY_SCREENING'];
  const seen = new Set<string>();
  for (const t of TRANSITIONS) {
    if (['ASSIGN_OFFICER', 'WITHDRAW', 'PAUSE_CLOCK', 'RESUME_CLOCK', 'EXTEND_DEADLINE'].includes(t.action))
      continue;
    // Task bookkeeping and check results keep the stage; listing them would bury the flow.
    if (t.from === t.to && t.action !== 'RETURN_QUESTIONNAIRE' && t.action !== 'SUBMIT_QUESTIONNAIRE')
      continue;
    const label = t.when ? `${t.action} (${t.when})` : t.action;
    const line = `    ${t.from} --> ${t.to}: ${label}`;
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  }
  lines.push('    note right of DECISION: WITHDRAW from any open stage --> WITHDRAWN');
  for (const s of CLOSED_STAGES) lines.push(`    ${s} --> [*]`);
  return lines.join('\n');
}
