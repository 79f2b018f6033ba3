import type { Request, Response } from 'express';
import { ApiError } from '../api/api-error';
import type { Flash } from '../session/session.types';
import { sentence } from './web-error.filter';

/** Status codes that mean "the API refused what you sent or asked for now": shown on the page, not as an error page. */
const REFUSALS = new Set([400, 409, 422]);

export interface FormActionOptions {
  run: () => Promise<unknown>;
  backTo: string;
  /** Where to go on success (default `backTo`). */
  next?: string;
  success: string;
  /** Form field ids by API field name, for linking the API's field errors (default: `#<api field>`). */
  fieldIds?: Record<string, string>;
  values?: Flash['values'];
  /** A field to link a refusal without named fields to (default: none). */
  defaultField?: string;
}

/**
 * Runs a form's action and answers POST-redirect-GET: success → a success banner on `backTo`; a refusal (400,
 * 409, 422) → `backTo` again, with the API's explanation in the GOV.UK error summary, the fields it named linked,
 * and what the person typed put back. Anything else (401, 403, 404, 5xx) is left to the error pages.
 */
export async function formAction(req: Request, res: Response, options: FormActionOptions): Promise<void> {
  try {
    await options.run();
    req.session.flash = { kind: 'success', text: options.success };
    res.redirect(303, options.next ?? options.backTo);
  } catch (error) {
    if (!(error instanceof ApiError) || !REFUSALS.has(error.status)) throw error;
    req.session.flash = refusalFlash(error, options);
    res.redirect(303, options.backTo);
  }
}

/** A refusal as the error summary shows it. */
export function refusalFlash(
  error: ApiError,
  options: { fieldIds?: Record<string, string>; values?: Flash['values']; defaultField?: string },
): Flash {
  const fields = error.fieldProblems;
  const errors =
    fields.length > 0
      ? fields.map((f) => ({
          text: sentence(f.problems.join('; ') || `${f.field} is not right`),
          href: `#${options.fieldIds?.[f.field.split(/[.[]/)[0] ?? f.field] ?? f.field.split(/[.[]/)[0]}`,
        }))
      : [
          {
            text: sentence(error.body.message),
            href: options.defaultField ? `#${options.defaultField}` : '#main-content',
          },
        ];
  return {
    kind: 'error',
    title: error.status === 409 ? 'That cannot be done now' : 'There is a problem',
    text: sentence(error.body.message),
    errors,
    values: options.values,
  };
}

/** Lines of a textarea as a list: trimmed, blanks dropped. */
export function lines(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line.length > 0)
    : [];
}

/** A form field as a string ('' when missing or not a string). */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
}
