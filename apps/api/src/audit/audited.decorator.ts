import { SetMetadata } from '@nestjs/common';

export const AUDITED_ACTION = 'audit:action';

// Upper-case words with an optional qualifier (CASE_ACTION:ACCEPT_QUESTIONNAIRE): auditors filter on these,
// so a typo should stop the app at start-up rather than scatter one action over two spellings.
const ACTION_FORMAT = /^[A-Z][A-Z0-9_]*(:[A-Z][A-Z0-9_]*)?$/;

/**
 * Every request to the route appends one audit row (who, what, which case, why, outcome) before the response
 * leaves; if the row cannot be written the request fails with 503. The case is the `:id` route parameter, or
 * the `caseId` query parameter when the route has none.
 */
export function Audited(action: string): MethodDecorator & ClassDecorator {
  if (!ACTION_FORMAT.test(action)) {
    throw new Error(
      `@Audited action must look like CASE_READ or CASE_ACTION:ACCEPT_QUESTIONNAIRE, got "${action}"`,
    );
  }
  return SetMetadata(AUDITED_ACTION, action);
}

const AUDIT_CASE_ID = Symbol('audit:caseId');

/**
 * Names the case a request touched when the URL does not (the codec endpoint learns it from the payloads), so
 * the audit row records it. The interceptor reads it when it writes the row, after the handler has run.
 */
export function setAuditCaseId(request: object, caseId: string): void {
  (request as Record<symbol, unknown>)[AUDIT_CASE_ID] = caseId;
}

/** The case set by setAuditCaseId for this request, if any. */
export function auditCaseIdOf(request: object): string | undefined {
  const value = (request as Record<symbol, unknown>)[AUDIT_CASE_ID];
  return typeof value === 'string' ? value : undefined;
}
