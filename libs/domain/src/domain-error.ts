import type { CaseAction, Stage } from './stage-model';
import type { RejectionCode } from './case-rules';
import type { ClearanceAction, ClearanceStatus } from './clearance/clearance-model';
import type { AppealAction, AppealStatus } from './appeals/appeal-model';

/** Every error code the product reports to callers; the API maps each to exactly one HTTP status. */
export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'REASON_REQUIRED'
  | 'RATE_LIMITED'
  | 'AUDIT_UNAVAILABLE'
  | 'CASE_NOT_FOUND'
  | 'CLEARANCE_NOT_FOUND'
  | 'APPEAL_NOT_FOUND'
  | 'APPEAL_WINDOW_CLOSED'
  | 'NOT_ELIGIBLE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'WORKER_UNAVAILABLE'
  | 'TEMPORAL_UNAVAILABLE'
  | RejectionCode;

/** Extra facts that help a caller fix the request: bad fields, or where the case is and what it accepts. */
export interface DomainErrorDetails {
  fields?: { field: string; problems: string[] }[];
  stage?: Stage;
  allowedActions?: CaseAction[];
  caseId?: string;
  /** A clearance command refused: the clearance, its status and the actions it accepts in it. */
  clearanceId?: string;
  clearanceStatus?: ClearanceStatus;
  allowedClearanceActions?: ClearanceAction[];
  /** An appeal command refused: the appeal, its status and the actions it accepts in it. */
  appealId?: string;
  appealStatus?: AppealStatus;
  allowedAppealActions?: AppealAction[];
}

/** A failure the caller can understand and act on. */
export class DomainError<C extends DomainErrorCode = DomainErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
