/** Kinds of work item on a case. CHECK_REVIEW comes from a record check that was not CLEAR. */
export const TASK_KINDS = ['CHECK_REVIEW', 'REFEREE', 'INTERVIEW', 'ENQUIRY', 'MEDICAL'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
/** Kinds an officer may open by hand (check reviews are opened by the system). */
export const OFFICER_TASK_KINDS = ['REFEREE', 'INTERVIEW', 'ENQUIRY', 'MEDICAL'] as const;
export type OfficerTaskKind = (typeof OFFICER_TASK_KINDS)[number];

/** Plain values only: task details travel through Temporal and the read-model as JSON. */
export type TaskDetailValue = string | number | boolean | null | string[];
export type TaskDetails = Record<string, TaskDetailValue>;

/** A work item that must be closed or waived (with a reason) before its stage can complete. */
export interface CaseTask {
  id: string;
  kind: TaskKind;
  status: 'OPEN' | 'CLOSED' | 'WAIVED';
  title: string;
  details: TaskDetails;
  outcome: string | null;
  notes: string | null;
  openedAt: string;
  closedAt: string | null;
  /** For a substituted referee: the task this one replaces. */
  replaces: string | null;
}

/** A condition attached to a grant. */
export const CONDITION_TYPES = [
  'COUNTRY_RESTRICTION',
  'PROJECT_RESTRICTION',
  'TRAVEL_RESTRICTION',
  'POSTING_RESTRICTION',
  'PERIODIC_FINANCIAL_REPORTING',
  'EARLIER_REVIEW',
] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];
export interface DecisionCondition {
  type: ConditionType;
  detail: string;
}

/** True when no task of the given kinds is still open. */
export function allTasksSettled(
  tasks: readonly CaseTask[],
  kinds: readonly TaskKind[] = TASK_KINDS,
): boolean {
  return tasks.every((t) => t.status !== 'OPEN' || !kinds.includes(t.kind));
}
