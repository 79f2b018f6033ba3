import type { OpenStage } from './stage-model';

/** Recommendation an investigating officer makes to the adjudicator. */
export type Recommendation = 'GRANT' | 'GRANT_WITH_CONDITIONS' | 'REFUSE';
/** Final outcome recorded by a senior adjudicator. */
export type DecisionOutcome = 'GRANTED' | 'GRANTED_WITH_CONDITIONS' | 'REFUSED';

/** Commands people issue against a case. `actor` is an opaque staff or user id, never a name. */
export type CaseCommand =
  | { type: 'ASSIGN_OFFICER'; actor: string; officerId: string; reason?: string }
  | { type: 'DECIDE_RESIDENCY_EXCEPTION'; actor: string; decision: 'ALLOW' | 'DECLINE'; notes: string }
  | { type: 'ACCEPT_QUESTIONNAIRE'; actor: string; notes?: string }
  | { type: 'RETURN_QUESTIONNAIRE'; actor: string; items: string[]; notes?: string }
  | { type: 'COMPLETE_STAGE'; actor: string; stage: OpenStage; outcome: string; notes?: string }
  | {
      type: 'RECORD_RECOMMENDATION';
      actor: string;
      recommendation: Recommendation;
      assessment: string;
      conditions?: string[];
    }
  | {
      type: 'RECORD_DECISION';
      actor: string;
      outcome: DecisionOutcome;
      conditions?: string[];
      disclosableReasons?: string[];
      nonDisclosableReasons?: string[];
    }
  | { type: 'WITHDRAW'; actor: string; requestedBy: 'APPLICANT' | 'SPONSOR'; reason: string };

export type CaseCommandType = CaseCommand['type'];
