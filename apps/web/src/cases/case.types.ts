// The API's case shapes as the web service reads them (apps/api/src/cases/dto/case.views.ts).
import type {
  CheckSummary,
  DecisionRecord,
  ListPage,
  QuestionnaireState,
  RecommendationRecord,
} from '../../../../libs/contracts/src';
import { SYSTEM_ACTOR } from '../../../../libs/domain/src';
import type { BaselineState, CaseAction, CaseTask, Stage } from '../../../../libs/domain/src';

export type SlaState = 'ON_TRACK' | 'AT_RISK' | 'BREACHED';

export interface CaseSummary {
  id: string;
  stage: Stage;
  status: 'OPEN' | 'CLOSED';
  outcome: string | null;
  assignee: string | null;
  openedAt: string;
  stageEnteredAt: string;
  stageDueAt: string | null;
  closedAt: string | null;
  ageDays: number;
  daysInStage: number;
  slaState: SlaState | null;
  clockPausedSince: string | null;
}

/** A page of cases, with the display names of its assigned officers (the API names no one else). */
export type CaseList = ListPage<CaseSummary> & { staffNames: Record<string, string> };

export interface CaseEvent {
  seq: number;
  actor: string;
  action: string;
  fromStage: string | null;
  toStage: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** A write for the case the database refused for good; in words, never the value (API CaseAlertView). */
export interface CaseAlert {
  activity: string;
  occurredAt: string;
  meaning: string;
  advice: string;
}

export interface CaseDetail extends CaseSummary {
  investigatingOfficers: string[];
  allowedActions: CaseAction[];
  questionnaire: QuestionnaireState;
  tasks: CaseTask[];
  checks: CheckSummary[];
  recommendation: RecommendationRecord | null;
  decision: DecisionRecord | null;
  /** The baseline (BPSS) checks: null for a case that has none (started before them, or not a first DV case). */
  baseline?: BaselineState | null;
  dvClockStartedAt: string | null;
  history: CaseEvent[];
  /** Open refused writes: shown on every case page, so the officer knows the record is missing something. */
  alerts: CaseAlert[];
  /** Display names of the staff the case names, by user id (the API gives only these, never the directory). */
  staffNames: Record<string, string>;
  /** On a renewal case, the clearance it renews; null (or absent, from an older API) on a first application. */
  renewalOf?: string | null;
  /** On a vetting re-run a panel recommended, the appeal that called for it; null (or absent) otherwise. */
  rerunOfAppeal?: string | null;
}

/**
 * What to call the person behind an id on a case page: their name when the case gives one, "Vetting service" for
 * the system, else the id itself (an applicant, say, whom staff pages identify by reference only).
 */
export function personName(detail: Pick<CaseDetail, 'staffNames'>, id: string): string {
  if (id === SYSTEM_ACTOR) return 'Vetting service';
  return detail.staffNames[id] ?? id;
}

/** A short reference people can say aloud: the case id's first eight characters. Not personal data. */
export function caseRef(id: string): string {
  return id.slice(0, 8).toUpperCase();
}
