import type { Request, Response } from 'express';
import type { ApiCaller, ApiClient } from '../api/api-client.service';
import type { ApplicantCase } from '../applicant/applicant-status';
import { navigationOf } from '../common/page-locals.middleware';
import { mayAppeal } from './appellant-words';

/**
 * Keeps an applicant's navigation in step with whether they may appeal or complain, or have (the link to their
 * appeals and complaints). Remembered in the session, so it costs the API nothing on most pages: a page that
 * already shows a refusal, a withdrawal or an appeal says so (`seen`); otherwise it is worked out once per
 * session, on the first page that asks (the start page after signing in). Once true it stays true: a refusal or a
 * withdrawal does not go away, and neither does an appeal.
 */
export async function noteAppellant(
  api: ApiClient,
  caller: ApiCaller,
  req: Request,
  res: Response,
  seen: boolean,
): Promise<void> {
  if (req.session.appellant === true) return;
  if (seen) req.session.appellant = true;
  else if (req.session.appellant === undefined) req.session.appellant = await appellantNow(api, caller);
  else return;
  // The middleware built this page's navigation before the answer was known.
  res.locals.navigation = navigationOf(req);
}

/** Asks the API: an appeal or complaint of theirs, a refused application, or a withdrawn clearance. */
async function appellantNow(api: ApiClient, caller: ApiCaller): Promise<boolean> {
  const [appeals, applications, clearances] = await Promise.all([
    api.get<{ items: unknown[] }>(caller, '/appeals/mine'),
    api.get<{ items: ApplicantCase[] }>(caller, '/applications', { page: 1, pageSize: 20 }),
    api.get<{ items: { status: string }[] }>(caller, '/clearances/mine'),
  ]);
  return mayAppeal({
    appeals: appeals.items,
    applications: applications.items,
    clearances: clearances.items,
  });
}
