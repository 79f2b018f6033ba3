/** What the auditor's search form says, read from the query string (a GET form, so it works without JavaScript). */
export interface AuditSearch {
  caseId: string;
  actor: string;
  action: string;
  from: DateParts;
  to: DateParts;
  page: number;
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The filters to send to `GET /audit`, or what is wrong with the form (GOV.UK error summary items). */
export type AuditFilters =
  | { ok: true; query: Record<string, string | number> }
  | { ok: false; errors: { text: string; href: string }[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The API's own rule for actions, checked here so a typo is an error on the form rather than a refused request.
const ACTION = /^[A-Z][A-Z0-9_]*(:[A-Z][A-Z0-9_]*)?$/;

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

export function readAuditSearch(query: Record<string, unknown>): AuditSearch {
  const parts = (prefix: string): DateParts => ({
    day: text(query[`${prefix}-day`], 2),
    month: text(query[`${prefix}-month`], 2),
    year: text(query[`${prefix}-year`], 4),
  });
  const page = Number(query.page);
  return {
    caseId: text(query.caseId, 36),
    actor: text(query.actor, 200),
    action: text(query.action, 100).toUpperCase(),
    from: parts('from'),
    to: parts('to'),
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** A GOV.UK date input's three fields as YYYY-MM-DD; '' when all are empty, null when it is not a real date. */
export function isoDate(parts: DateParts): string | null {
  if (!parts.day && !parts.month && !parts.year) return '';
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) {
    return null;
  }
  const iso = `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/** Checks the form the way the API would, and says what to fix in words. */
export function auditFilters(search: AuditSearch): AuditFilters {
  const errors: { text: string; href: string }[] = [];
  if (search.caseId && !UUID.test(search.caseId)) {
    errors.push({
      text: 'Enter the case ID in full, like 3f2b8c1e-0a4d-4b7e-9c2f-1d5e6a7b8c9d',
      href: '#caseId',
    });
  }
  if (search.action && !ACTION.test(search.action)) {
    errors.push({
      text: 'Enter an action like CASE_READ or CASE_ACTION:ACCEPT_QUESTIONNAIRE',
      href: '#action',
    });
  }
  const from = isoDate(search.from);
  const to = isoDate(search.to);
  if (from === null) errors.push({ text: 'The ‘from’ date must be a real date', href: '#from-day' });
  if (to === null) errors.push({ text: 'The ‘to’ date must be a real date', href: '#to-day' });
  if (from && to && from > to) {
    errors.push({ text: 'The ‘to’ date must be the same as or after the ‘from’ date', href: '#to-day' });
  }
  if (errors.length > 0) return { ok: false, errors };
  const query: Record<string, string | number> = { page: search.page, pageSize: 50 };
  if (search.caseId) query.caseId = search.caseId.toLowerCase();
  if (search.actor) query.actor = search.actor;
  if (search.action) query.action = search.action;
  if (from) query.from = from;
  if (to) query.to = to;
  return { ok: true, query };
}
