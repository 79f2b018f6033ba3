import { isProviderRef } from '../../../../libs/providers/src';
import { isCaseId } from '../../../../libs/contracts/src';
import type { CheckOutcome, CheckType } from '../../../../libs/domain/src';
import { CHECK_OUTCOMES, CHECK_TYPES, isCheckOutcome, isCheckType } from '../../../../libs/domain/src';

/** A provider callback as docs/partner-contract.md documents it, once checked. */
export interface ProviderCallbackBody {
  providerRef: string;
  caseId: string;
  checkType: CheckType;
  outcome: CheckOutcome;
  detail: string | null;
}

const MAX_DETAIL_LENGTH = 2000;

/** The well-formed fields of a callback, whatever else is wrong; safe to record even when unsigned. */
export function wellFormedParts(body: unknown): Partial<Omit<ProviderCallbackBody, 'detail'>> {
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    ...(isProviderRef(raw.providerRef) ? { providerRef: raw.providerRef } : {}),
    ...(typeof raw.caseId === 'string' && isCaseId(raw.caseId) ? { caseId: raw.caseId.toLowerCase() } : {}),
    ...(isCheckType(raw.checkType) ? { checkType: raw.checkType } : {}),
    ...(isCheckOutcome(raw.outcome) ? { outcome: raw.outcome } : {}),
  };
}

/** Checks a callback body; unknown fields are ignored so a provider can add to its side of the contract. */
export function parseCallbackBody(
  body: unknown,
):
  { ok: true; value: ProviderCallbackBody } | { ok: false; fields: { field: string; problems: string[] }[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, fields: [{ field: 'body', problems: ['must be a JSON object'] }] };
  }
  const raw = body as Record<string, unknown>;
  const parts = wellFormedParts(body);
  const fields: { field: string; problems: string[] }[] = [];
  if (!parts.providerRef)
    fields.push({ field: 'providerRef', problems: ['must be 1-200 printable characters'] });
  if (!parts.caseId) fields.push({ field: 'caseId', problems: ['must be a case id (UUID)'] });
  if (!parts.checkType)
    fields.push({ field: 'checkType', problems: [`must be one of ${CHECK_TYPES.join(', ')}`] });
  if (!parts.outcome)
    fields.push({ field: 'outcome', problems: [`must be one of ${CHECK_OUTCOMES.join(', ')}`] });
  const detail = raw.detail;
  if (
    detail !== undefined &&
    detail !== null &&
    (typeof detail !== 'string' || detail.length > MAX_DETAIL_LENGTH)
  ) {
    fields.push({
      field: 'detail',
      problems: [`must be a string of at most ${MAX_DETAIL_LENGTH} characters`],
    });
  }
  if (fields.length > 0 || !parts.providerRef || !parts.caseId || !parts.checkType || !parts.outcome) {
    return { ok: false, fields };
  }
  return {
    ok: true,
    value: {
      providerRef: parts.providerRef,
      caseId: parts.caseId,
      checkType: parts.checkType,
      outcome: parts.outcome,
      detail: typeof detail === 'string' && detail !== '' ? detail : null,
    },
  };
}
