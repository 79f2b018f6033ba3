import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ChangeKind } from '../../../../libs/domain/src';

/** A change of circumstances being reported, kept in the server-side session (never in an address or a field). */
export interface ChangeReportDraft {
  clearanceId: string;
  /** The API's Idempotency-Key for this report: a double click on "Send" reports it once. */
  key: string;
  kind?: ChangeKind;
  summary?: string;
  occurredOn?: string;
}

/** The staff ID a sponsor typed for a clearance's line manager, awaiting their check (never in an address). */
export interface LineManagerChoice {
  clearanceId: string;
  lineManagerId: string;
}

declare module 'express-session' {
  interface SessionData {
    changeReport?: ChangeReportDraft;
    lineManagerChoice?: LineManagerChoice;
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
