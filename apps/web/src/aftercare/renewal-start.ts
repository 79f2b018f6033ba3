import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ApiCaller, ApiClient } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { caseRef } from '../cases/case.types';
import { field, refusalFlash } from '../common/form-action';
import type { ClearanceView } from './aftercare-words';
import { clearanceRef, mayStartRenewal, renewalRefusedInWords } from './aftercare-words';

/** Where the sponsor's or the officer's renewal pages live: the clearance's page and the confirmation's address. */
export interface RenewalPages {
  clearancePage: string;
  confirmPage: string;
  as: 'SPONSOR' | 'VETTING_OFFICER';
}

/** The renewal can no longer be started: back to the clearance, saying why in plain words. */
function refused(req: Request, res: Response, pages: RenewalPages, clearance: ClearanceView): void {
  const text = renewalRefusedInWords(clearance);
  // The summary's lead-in says what did not happen; its one line says why (not the same words twice).
  req.session.flash = {
    kind: 'error',
    title: 'That cannot be done now',
    text: 'The renewal was not started.',
    errors: [{ text, href: '#renewal' }],
  };
  res.redirect(303, pages.clearancePage);
}

/**
 * The "Start renewal" confirmation page (shared by the sponsor's and the officer's pages): offered only while the
 * API would open a renewal; otherwise back to the clearance with the reason said plainly.
 */
export async function renewalConfirmation(
  api: ApiClient,
  req: Request,
  res: Response,
  caller: ApiCaller,
  id: string,
  pages: RenewalPages,
): Promise<void> {
  const clearance = await api.get<ClearanceView>(caller, `/clearances/${id}`);
  if (!mayStartRenewal(clearance, pages.as)) return refused(req, res, pages, clearance);
  res.render('aftercare/renewal-start', {
    clearance: { ...clearance, ref: clearanceRef(id) },
    pages,
    idempotencyKey: randomUUID(),
  });
}

/**
 * Opens the renewal case (`POST /clearances/:id/renewal`, with the form's own Idempotency-Key so a double click
 * opens one case). A 409 (a renewal opened meanwhile, the clearance renewed or no longer valid) is said in words
 * on the clearance's page, from the clearance as it is now rather than the API's wording.
 */
export async function startRenewal(
  api: ApiClient,
  req: Request,
  res: Response,
  caller: ApiCaller,
  id: string,
  pages: RenewalPages,
  body: Record<string, unknown>,
): Promise<void> {
  let opened: ClearanceView;
  try {
    opened = await api.post<ClearanceView>(
      caller,
      `/clearances/${id}/renewal`,
      {},
      field(body, 'idempotencyKey'),
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 409) {
      return refused(req, res, pages, await api.get<ClearanceView>(caller, `/clearances/${id}`));
    }
    if (![400, 422].includes(error.status)) throw error;
    req.session.flash = refusalFlash(error, { defaultField: 'renewal' });
    return res.redirect(303, pages.clearancePage);
  }
  const ref = opened.renewal ? ` (renewal case ${caseRef(opened.renewal.caseId)})` : '';
  req.session.flash = { kind: 'success', text: `Renewal started${ref}` };
  res.redirect(303, pages.clearancePage);
}
