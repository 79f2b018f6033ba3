import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ChangeKind } from '../../../../libs/domain/src';
import type { ApiCaller, ApiClient } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import type { ClearanceView, LineManagerFound } from './aftercare-words';
import { beingReplacedInWords } from './aftercare-words';

/** A change of circumstances being reported, kept in the server-side session (never in an address or a field). */
export interface ChangeReportDraft {
  clearanceId: string;
  /** The API's Idempotency-Key for this report: a double click on "Send" reports it once. */
  key: string;
  kind?: ChangeKind;
  summary?: string;
  occurredOn?: string;
}

/** The staff ID a sponsor chose for a clearance's line manager, awaiting their check (never in an address). */
export interface LineManagerChoice {
  clearanceId: string;
  lineManagerId: string;
}

/**
 * A sponsor's search for a clearance's line manager by name, and whom it found: kept server-side, so the name is
 * never in an address, and the choice posted must be one of these.
 */
export interface LineManagerSearch {
  clearanceId: string;
  term: string;
  items: LineManagerFound[];
  capped: boolean;
}

declare module 'express-session' {
  interface SessionData {
    changeReport?: ChangeReportDraft;
    lineManagerChoice?: LineManagerChoice;
    lineManagerSearch?: LineManagerSearch;
  }
}

/** A clearance id in an address: anything else is a page that does not exist (the id is opaque, never personal). */
export const clearanceIds = new ParseUUIDPipe({
  version: '4',
  exceptionFactory: () => new NotFoundException(),
});

/** The API's bound on free text in aftercare (MAX_TEXT in the clearance rules). */
export const TEXT_MAX = 2000;

/** What is wrong with a required free-text answer, or null. */
export function textProblem(value: string, enter: string, name: string): string | null {
  if (value === '') return `Enter ${enter}`;
  if (value.length > TEXT_MAX) return `${name} must be ${TEXT_MAX} characters or fewer`;
  return null;
}

/** A form refused on the page (POST-redirect-GET): the error summary, the field's own error, what was typed. */
export function refuse(
  req: Request,
  res: Response,
  backTo: string,
  error: { text: string; href: string },
  values: Record<string, string> = {},
): void {
  req.session.flash = { kind: 'error', text: error.text, errors: [error], values };
  res.redirect(303, backTo);
}

/**
 * An end (a withdrawal, a leaver) the API refused with 409, said in plain words when the clearance is being replaced
 * by its renewal, or has been: the API's message names the command and the rule. A page posted from before the
 * succession (a stale page, no JavaScript) comes back with this in its error summary, never an error page. Any other
 * error is returned as it was.
 */
export async function endRefusalInWords(
  api: ApiClient,
  caller: ApiCaller,
  clearanceId: string,
  error: unknown,
  as: 'SPONSOR' | 'SENIOR_ADJUDICATOR',
): Promise<unknown> {
  if (!(error instanceof ApiError) || error.status !== 409 || error.body.error !== 'ILLEGAL_TRANSITION')
    return error;
  const clearance = await api.get<ClearanceView>(caller, `/clearances/${clearanceId}`).catch(() => null);
  if (!clearance) return error;
  const words =
    beingReplacedInWords(clearance, as) ??
    (clearance.status === 'RENEWED'
      ? 'This clearance has been replaced by its renewal. Any action is for the new clearance.'
      : null);
  return words ? new ApiError(409, { ...error.body, message: words }) : error;
}
