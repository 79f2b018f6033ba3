import type { Environment } from 'nunjucks';

const LONDON = 'Europe/London';
const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: LONDON,
});
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: LONDON,
});
const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: LONDON,
});

/** "3 March 2027", the GOV.UK date style; empty for nothing. */
export function govukDate(value: unknown): string {
  const date = toDate(value);
  return date ? DATE.format(date) : '';
}

/** "3 Mar 2027": the GOV.UK style guide's abbreviated form, for tables where space is tight. */
export function govukShortDate(value: unknown): string {
  const date = toDate(value);
  return date ? SHORT_DATE.format(date) : '';
}

/** "3 March 2027 at 2:05pm". */
export function govukDateTime(value: unknown): string {
  const date = toDate(value);
  return date ? `${DATE.format(date)} at ${TIME.format(date).replace(/\s/g, '')}` : '';
}

/** SCREAMING_CASE codes as words: RECORD_CHECKS → "Record checks". */
export function words(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const text = value.replace(/_/g, ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The filters every template may use. */
export function registerFilters(env: Environment): void {
  env.addFilter('govukDate', govukDate);
  env.addFilter('govukShortDate', govukShortDate);
  env.addFilter('govukDateTime', govukDateTime);
  env.addFilter('words', words);
  // The MOJ timeline formats its dates through this filter.
  env.addFilter('mojDate', (value: unknown, type: unknown) =>
    type === 'date' ? govukDate(value) : govukDateTime(value),
  );
}
