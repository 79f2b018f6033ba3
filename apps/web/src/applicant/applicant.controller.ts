import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, NotFoundException, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { Caller, Roles } from '../auth/auth.decorators';
import { caseRef } from '../cases/case.types';
import { field, formAction } from '../common/form-action';
import { noteAppellant } from '../appeals/appellant-navigation';
import type { AppellantAppeal } from '../appeals/appellant-words';
import { KIND_WORDS, kindFor, madeAbout, madeView, wasRefused } from '../appeals/appellant-words';
import { statusView } from './applicant-status';
import type { ApplicantCase } from './applicant-status';

interface ApplicationList {
  items: ApplicantCase[];
  total: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The API's limit on a withdrawal reason (WithdrawDto).
const REASON_MAX = 4000;

/** A case id from the address, or the 404 page (the address holds only the opaque id, never personal data). */
function caseIdOf(id: string): string {
  if (!UUID.test(id)) throw new NotFoundException();
  return id.toLowerCase();
}

/**
 * The applicant's pages: where their application is, in the coarse words they are told (received, in progress,
 * action needed, decision made), the outcome and the reasons they may be told once decided, and withdrawing.
 * The API shapes what an applicant sees of a case; a case that is not theirs is a 404 there, and so here.
 */
@Controller('application')
@Roles('APPLICANT')
export class ApplicantController {
  constructor(private readonly api: ApiClient) {}

  /** Their start page: the newest application, with any earlier ones listed under it. */
  @Get()
  @Render('applicant/status')
  async latest(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Caller() caller: ApiCaller,
  ): Promise<object> {
    const list = await this.api.get<ApplicationList>(caller, '/applications', { page: 1, pageSize: 20 });
    const [newest, ...earlier] = list.items;
    await noteAppellant(this.api, caller, req, res, list.items.some(wasRefused));
    return {
      application: newest
        ? {
            ...statusView(newest, await this.baselineDraftSaved(caller, newest)),
            ref: caseRef(newest.id),
            appeal: await this.appealRoute(caller, newest),
          }
        : null,
      earlier: earlier.map((c) => ({ ...statusView(c), ref: caseRef(c.id) })),
    };
  }

  @Get(':id')
  @Render('applicant/status')
  async one(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Caller() caller: ApiCaller,
    @Param('id') id: string,
  ): Promise<object> {
    const application = await this.api.get<ApplicantCase>(caller, `/cases/${caseIdOf(id)}`);
    await noteAppellant(this.api, caller, req, res, wasRefused(application));
    return {
      application: {
        ...statusView(application, await this.baselineDraftSaved(caller, application)),
        ref: caseRef(application.id),
        appeal: await this.appealRoute(caller, application),
      },
      earlier: [],
      single: true,
    };
  }

  /** Whether baseline answers were saved to come back to: asked only while the declaration is awaited. */
  private async baselineDraftSaved(caller: ApiCaller, c: ApplicantCase): Promise<boolean> {
    if (c.baselineStatus !== 'AWAITING') return false;
    const draft = await this.api.get<{ content: unknown }>(caller, `/cases/${c.id}/baseline/draft`);
    return draft.content !== null;
  }

  /**
   * How to challenge a refusal, if it is one: a recruit may complain, someone who holds or held a clearance may
   * appeal (the API's rule). Once one was made (one per decision), what was made instead of the route. Asks for
   * their clearances and appeals only then.
   */
  private async appealRoute(caller: ApiCaller, c: ApplicantCase): Promise<object | null> {
    if (!wasRefused(c)) return null;
    const [held, appeals] = await Promise.all([
      this.api.get<{ items: unknown[] }>(caller, '/clearances/mine'),
      this.api.get<{ items: AppellantAppeal[] }>(caller, '/appeals/mine'),
    ]);
    const made = madeAbout(appeals.items, 'refusal', c.id);
    if (made) return { made: madeView(made) };
    const kind = kindFor('refusal', held.items.length > 0);
    return { kind, title: KIND_WORDS[kind].title, href: `/your-appeals/new/refusal/${c.id}` };
  }

  /** The confirmation page: withdrawing cannot be undone, so it is asked for, with a reason. */
  @Get(':id/withdraw')
  async confirmWithdraw(
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('id') id: string,
  ): Promise<void> {
    const application = await this.api.get<ApplicantCase>(caller, `/cases/${caseIdOf(id)}`);
    const view = statusView(application) as { mayWithdraw: boolean };
    if (!view.mayWithdraw) return res.redirect(303, `/application/${application.id}`);
    res.render('applicant/withdraw', {
      application: { ...view, ref: caseRef(application.id) },
      idempotencyKey: randomUUID(),
    });
  }

  @Post(':id/withdraw')
  async withdraw(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const caseId = caseIdOf(id);
    const reason = field(body, 'reason');
    const backTo = `/application/${caseId}/withdraw`;
    const problem =
      reason === ''
        ? 'Enter why you are withdrawing your application'
        : reason.length > REASON_MAX
          ? `Why you are withdrawing must be ${REASON_MAX} characters or fewer`
          : null;
    if (problem) {
      req.session.flash = {
        kind: 'error',
        text: problem,
        errors: [{ text: problem, href: '#reason' }],
        values: { reason },
      };
      return res.redirect(303, backTo);
    }
    await formAction(req, res, {
      run: () =>
        this.api.post(caller, `/cases/${caseId}/withdrawal`, { reason }, field(body, 'idempotencyKey')),
      backTo,
      next: `/application/${caseId}`,
      success: 'Your application has been withdrawn',
      values: { reason },
      defaultField: 'reason',
    });
  }
}
