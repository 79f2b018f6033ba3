import { isIsoDate } from '../../../../libs/domain/src';
import type { IsoDate } from '../../../../libs/domain/src';

// GOV.UK date inputs (three fields, `<id>-day`, `-month`, `-year`) read into ISO dates with the design system's
// error messages, and written back for a page answered before. Used by the apply journey and the aftercare forms.

/** An error for the GOV.UK error summary: `href` is the field's `#id` (or, from check your answers, a page). */
export interface FieldError {
  text: string;
  href: string;
}

/** A page's answer as read from its form: the value, or what is wrong with it. */
export type Answer<T> = { value: T; errors?: undefined } | { value?: undefined; errors: FieldError[] };

type Body = Record<string, unknown> | undefined;

function text(body: Body, name: string): string {
  const value = body?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

function fail<T>(...errors: FieldError[]): Answer<T> {
  return { errors };
}

/** How a GOV.UK date input is named and described: `id` prefixes its `-day`, `-month` and `-year` fields. */
export interface DateField {
  id: string;
  /** "Enter …" when nothing was entered, e.g. "your date of birth". */
  enter: string;
  /** The start of a sentence about it, e.g. "Date of birth". */
  name: string;
}

const PARTS = ['day', 'month', 'year'] as const;

/**
 * A GOV.UK date input read as an ISO date, with the design system's error messages: nothing entered, a part
 * missing, a year without 4 digits, or a date that does not exist (31 February). The error links to the first
 * part at fault.
 */
export function readDate(body: Body, field: DateField): Answer<IsoDate> {
  const parts = Object.fromEntries(PARTS.map((p) => [p, text(body, `${field.id}-${p}`)])) as Record<
    (typeof PARTS)[number],
    string
  >;
  const missing = PARTS.filter((p) => parts[p] === '');
  if (missing.length === 3) return fail({ text: `Enter ${field.enter}`, href: `#${field.id}-day` });
  if (missing.length > 0) {
    return fail({
      text: `${field.name} must include a ${missing.join(' and a ')}`,
      href: `#${field.id}-${missing[0]}`,
    });
  }
  const notNumber = PARTS.find((p) => !/^\d+$/.test(parts[p]));
  if (notNumber)
    return fail({ text: `${field.name} must be a real date`, href: `#${field.id}-${notNumber}` });
  if (!/^\d{4}$/.test(parts.year))
    return fail({ text: 'Year must include 4 numbers', href: `#${field.id}-year` });
  const iso = `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  if (!isIsoDate(iso)) {
    const wrong = Number(parts.month) < 1 || Number(parts.month) > 12 ? 'month' : 'day';
    return fail({ text: `${field.name} must be a real date`, href: `#${field.id}-${wrong}` });
  }
  return { value: iso };
}

/** Whether all three fields of the date input `id` were left empty. */
export function dateInputIsEmpty(body: Body, id: string): boolean {
  return PARTS.every((p) => text(body, `${id}-${p}`) === '');
}

/** An ISO date as the date input's three fields show it (for a page answered before). */
export function dateParts(id: string, date: IsoDate | null | undefined): Record<string, string> {
  if (!date || !isIsoDate(date)) return {};
  const [year = '', month = '', day = ''] = date.split('-');
  return { [`${id}-day`]: String(Number(day)), [`${id}-month`]: String(Number(month)), [`${id}-year`]: year };
}
