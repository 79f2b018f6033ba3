import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { readDate } from '../common/date-input';
import { Caller, Roles } from '../auth/auth.decorators';
import { field, formAction, refusalFlash } from '../common/form-action';
import { clearanceIds, endRefusalInWords, refuse, textProblem } from './aftercare-session';
import type { ClearanceView, LineManagerFound } from './aftercare-words';
import {
  allows,
  beingReplacedInWords,
  clearanceRef,
  clearanceStatusInWords,
  lineManagerInWords,
  lineManagerRadioItems,
  lineManagerSearchTermInWords,
  mayStartRenewal,
  renewalInWords,
} from './aftercare-words';
import { caseRef } from '../cases/case.types';
import type { Flash } from '../session/session.types';
import type { RenewalPages } from './renewal-start';
import { renewalConfirmation, startRenewal } from './renewal-start';

type Report = 'incident' | 'leaver';

/** Who a chosen staff ID is (apps/api LineManagerCandidateView). */
type LineManagerCandidate = LineManagerFound;

const renewalPages = (id: string): RenewalPages => ({
  clearancePage: `/sponsor/clearances/${id}`,
  confirmPage: `/sponsor/clearances/${id}/renewal`,
  as: 'SPONSOR',
});

/**
 * The sponsor's aftercare pages: a clearance they sponsor (reached from "Check a clearance"), reporting an
 * incident, and reporting that the holder has left the post (the clearance lapses). The API answers a
 * clearance the sponsor does not sponsor as one that does not exist, so those are the 404 page here.
 */
@Controller('sponsor/clearances')
@Roles('SPONSOR')
export class SponsorAftercareController {
  constructor(private readonly api: ApiClient) {}

  @Get(':clearanceId')
  async clearance(
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    const clearance = await this.api.get<ClearanceView>(caller, `/clearances/${id}`);
    res.render('aftercare/sponsor/clearance', { clearance: this.view(clearance) });
  }

  /** "Start renewal": a confirmation page, then the POST that opens the renewal case. */
  @Get(':clearanceId/renewal')
  renewalPage(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    return renewalConfirmation(this.api, req, res, caller, id, renewalPages(id));
  }

  @Post(':clearanceId/renewal')
  startRenewal(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return startRenewal(this.api, req, res, caller, id, renewalPages(id), body);
  }

  @Get(':clearanceId/incident')
  incidentPage(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    return this.form(req, res, caller, id, 'incident');
  }

  @Post(':clearanceId/incident')
  async reportIncident(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const summary = field(body, 'summary');
    const problem = textProblem(summary, 'what happened', 'What happened');
    if (problem)
      return refuse(
        req,
        res,
        `/sponsor/clearances/${id}/incident`,
        { text: problem, href: '#summary' },
        { summary },
      );
    await this.send(req, res, id, 'incident', { summary }, () =>
      this.api.post(caller, `/clearances/${id}/incidents`, { summary }, field(body, 'idempotencyKey')),
    );
  }

  @Get(':clearanceId/leaver')
  leaverPage(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    return this.form(req, res, caller, id, 'leaver');
  }

  @Post(':clearanceId/leaver')
  async reportLeaver(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const values = Object.fromEntries(
      ['day', 'month', 'year'].map((p) => [`leftOn-${p}`, field(body, `leftOn-${p}`)]),
    );
    const date = readDate(body, {
      id: 'leftOn',
      enter: 'their last day in the post',
      name: 'Their last day',
    });
    const [error] = date.errors ?? [];
    if (error || !date.value) {
      return refuse(
        req,
        res,
        `/sponsor/clearances/${id}/leaver`,
        error ?? { text: 'Enter their last day', href: '#leftOn-day' },
        values,
      );
    }
    const leftOn = date.value;
    await this.send(req, res, id, 'leaver', values, () =>
      this.api
        .post(caller, `/clearances/${id}/leaver`, { leftOn }, field(body, 'idempotencyKey'))
        .catch(async (error: unknown) => {
          throw await endRefusalInWords(this.api, caller, id, error, 'SPONSOR');
        }),
    );
  }

  /**
   * Naming (or changing) the holder's line manager, who then completes their part of each annual appraisal: the
   * sponsor finds them by name, chooses one of those found, checks who that is (name and team) and then saves it.
   */
  @Get(':clearanceId/line-manager')
  async lineManagerPage(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    const clearance = this.view(await this.api.get<ClearanceView>(caller, `/clearances/${id}`));
    if (!clearance.mayNameLineManager) return res.redirect(303, `/sponsor/clearances/${id}`);
    // "Change" on the later pages comes back here with the name searched for.
    const search = req.session.lineManagerSearch;
    const typed = search?.clearanceId === id ? search.term : undefined;
    res.render('aftercare/sponsor/line-manager', { clearance, typed });
  }

  /**
   * The name typed: searched with the API (POST, so the name is never in an address), whom it found kept in the
   * session, then the page to choose one. No one found is said in the error summary, as a blank or short name is.
   */
  @Post(':clearanceId/line-manager')
  async searchLineManager(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const backTo = `/sponsor/clearances/${id}/line-manager`;
    const term = field(body, 'term');
    const problem = lineManagerSearchTermInWords(term);
    if (problem) return refuse(req, res, backTo, { text: problem, href: '#term' }, { term });
    let found: { items: LineManagerFound[]; capped: boolean };
    try {
      found = await this.api.post(caller, `/clearances/${id}/line-manager-candidates/search`, { term });
    } catch (error) {
      if (!(error instanceof ApiError) || ![400, 409].includes(error.status)) throw error;
      req.session.flash = refusalFlash(error, { values: { term }, defaultField: 'term' });
      return res.redirect(303, backTo);
    }
    if (found.items.length === 0) {
      delete req.session.lineManagerSearch;
      return refuse(
        req,
        res,
        backTo,
        {
          text: 'No line manager you can name has that name. Check the spelling, or enter less of their name',
          href: '#term',
        },
        { term },
      );
    }
    req.session.lineManagerSearch = { clearanceId: id, term, items: found.items, capped: found.capped };
    res.redirect(303, `${backTo}/choose`);
  }

  /** "Choose the line manager": radios of those the search found (at most ten, from the session). */
  @Get(':clearanceId/line-manager/choose')
  async chooseLineManagerPage(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    const search = req.session.lineManagerSearch;
    if (search?.clearanceId !== id) return res.redirect(303, `/sponsor/clearances/${id}/line-manager`);
    const clearance = this.view(await this.api.get<ClearanceView>(caller, `/clearances/${id}`));
    if (!clearance.mayNameLineManager) return res.redirect(303, `/sponsor/clearances/${id}`);
    const pending = req.session.lineManagerChoice;
    const chosen = pending?.clearanceId === id ? pending.lineManagerId : undefined;
    res.render('aftercare/sponsor/line-manager-choose', {
      clearance,
      search,
      items: lineManagerRadioItems(search.items, chosen),
    });
  }

  /** The one chosen: only someone the search found (a forged choice is refused), then the check page. */
  @Post(':clearanceId/line-manager/choose')
  chooseLineManager(
    @Req() req: Request,
    @Res() res: Response,
    @Param('clearanceId', clearanceIds) id: string,
    @Body() body: Record<string, unknown>,
  ): void {
    const backTo = `/sponsor/clearances/${id}/line-manager`;
    const search = req.session.lineManagerSearch;
    if (search?.clearanceId !== id) return res.redirect(303, backTo);
    const lineManagerId = field(body, 'lineManagerId');
    if (!search.items.some((i) => i.lineManagerId === lineManagerId))
      return refuse(req, res, `${backTo}/choose`, {
        text: 'Select the line manager',
        href: '#lineManagerId',
      });
    // Kept server-side (never in the address): the check page shows it, and saving names exactly this ID.
    req.session.lineManagerChoice = { clearanceId: id, lineManagerId };
    res.redirect(303, `${backTo}/check`);
  }

  /** "Check the line manager": who the chosen staff ID is, from the staff directory, before it is saved. */
  @Get(':clearanceId/line-manager/check')
  async lineManagerCheckPage(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    const backTo = `/sponsor/clearances/${id}/line-manager`;
    const pending = req.session.lineManagerChoice;
    if (pending?.clearanceId !== id) return res.redirect(303, backTo);
    const clearance = this.view(await this.api.get<ClearanceView>(caller, `/clearances/${id}`));
    if (!clearance.mayNameLineManager) return res.redirect(303, `/sponsor/clearances/${id}`);
    let candidate: LineManagerCandidate;
    try {
      // Asked again, not remembered: the directory (or the clearance) may have changed since the search.
      candidate = await this.candidate(caller, id, pending.lineManagerId);
    } catch (error) {
      return this.refuseCandidate(req, res, error, backTo);
    }
    res.render('aftercare/sponsor/line-manager-check', {
      clearance,
      candidate,
      idempotencyKey: randomUUID(),
    });
  }

  @Post(':clearanceId/line-manager/check')
  async nameLineManager(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const backTo = `/sponsor/clearances/${id}/line-manager`;
    const pending = req.session.lineManagerChoice;
    // The ID saved is the one checked, from the session; a stale or forged submission starts again.
    if (pending?.clearanceId !== id) return res.redirect(303, backTo);
    const { lineManagerId } = pending;
    // A refusal goes back to the search form with the name searched for; the choice is used up either way.
    const term = req.session.lineManagerSearch?.term ?? '';
    delete req.session.lineManagerChoice;
    delete req.session.lineManagerSearch;
    await formAction(req, res, {
      run: () =>
        this.api.post(
          caller,
          `/clearances/${id}/line-manager`,
          { lineManagerId },
          field(body, 'idempotencyKey'),
        ),
      backTo,
      next: `/sponsor/clearances/${id}`,
      success: 'The line manager has been named',
      values: { term },
      fieldIds: { lineManagerId: 'term' },
      defaultField: 'term',
    });
  }

  private candidate(caller: ApiCaller, id: string, lineManagerId: string): Promise<LineManagerCandidate> {
    return this.api.get<LineManagerCandidate>(caller, `/clearances/${id}/line-manager-candidate`, {
      lineManagerId,
    });
  }

  /**
   * The API's refusal of the chosen ID (400, 409, 422: the directory or the clearance changed since the search) in
   * the search form's error summary, the name searched for kept; anything else is an error page.
   */
  private refuseCandidate(req: Request, res: Response, error: unknown, backTo: string): void {
    if (!(error instanceof ApiError) || ![400, 409, 422].includes(error.status)) throw error;
    delete req.session.lineManagerChoice;
    req.session.flash = refusalFlash(error, { fieldIds: { lineManagerId: 'term' }, defaultField: 'term' });
    res.redirect(303, backTo);
  }

  /** The confirmation, once; reached again later, it goes back to the clearance. */
  @Get(':clearanceId/:report/sent')
  sent(
    @Res() res: Response,
    @Param('clearanceId', clearanceIds) id: string,
    @Param('report') report: string,
  ): void {
    const flash = res.locals.flash as { values?: { clearanceId?: unknown; report?: unknown } } | undefined;
    if (flash?.values?.clearanceId !== id || flash.values.report !== report) {
      return res.redirect(303, `/sponsor/clearances/${id}`);
    }
    res.locals.flash = undefined;
    res.render('aftercare/sponsor/reported', { report, ref: clearanceRef(id), clearanceId: id });
  }

  /** A report's form, offered only while the clearance would accept it (otherwise back to the clearance). */
  private async form(
    req: Request,
    res: Response,
    caller: ApiCaller,
    id: string,
    report: Report,
  ): Promise<void> {
    const clearance = await this.api.get<ClearanceView>(caller, `/clearances/${id}`);
    const view = this.view(clearance);
    if (!(report === 'incident' ? view.mayReportIncident : view.mayReportLeaver)) {
      // A refusal that brought the sponsor back here (the clearance being replaced meanwhile) is said there.
      const flash = res.locals.flash as Flash | undefined;
      if (flash) req.session.flash = flash;
      return res.redirect(303, `/sponsor/clearances/${id}`);
    }
    res.render(`aftercare/sponsor/${report}`, { clearance: view, idempotencyKey: randomUUID() });
  }

  private async send(
    req: Request,
    res: Response,
    id: string,
    report: Report,
    values: Record<string, string>,
    run: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof ApiError) || ![400, 409].includes(error.status)) throw error;
      req.session.flash = refusalFlash(error, {
        values,
        fieldIds: { summary: 'summary', leftOn: 'leftOn-day' },
        defaultField: report === 'incident' ? 'summary' : 'leftOn-day',
      });
      return res.redirect(303, `/sponsor/clearances/${id}/${report}`);
    }
    req.session.flash = { kind: 'success', text: 'Reported', values: { clearanceId: id, report } };
    res.redirect(303, `/sponsor/clearances/${id}/${report}/sent`);
  }

  private view(c: ClearanceView): ClearanceView & {
    ref: string;
    words: ReturnType<typeof clearanceStatusInWords>;
    mayReportIncident: boolean;
    mayReportLeaver: boolean;
    replacedWords: string | null;
    mayStartRenewal: boolean;
    renewalWords: ReturnType<typeof renewalInWords> | null;
    renewalRef: string | null;
    mayNameLineManager: boolean;
    mayTransfer: boolean;
    lineManagerWords: string;
  } {
    return {
      ...c,
      ref: clearanceRef(c.clearanceId),
      words: clearanceStatusInWords(c.status),
      mayReportIncident: allows(c, 'REPORT_INCIDENT', 'SPONSOR'),
      mayReportLeaver: allows(c, 'REPORT_LEAVER', 'SPONSOR'),
      // Instead of the leaver, while the renewal's successor is pending.
      replacedWords: beingReplacedInWords(c, 'SPONSOR'),
      mayStartRenewal: mayStartRenewal(c, 'SPONSOR'),
      renewalWords: c.renewal ? renewalInWords(c.renewal) : null,
      renewalRef: c.renewal ? caseRef(c.renewal.caseId) : null,
      mayNameLineManager: allows(c, 'NAME_LINE_MANAGER', 'SPONSOR'),
      mayTransfer: allows(c, 'TRANSFER_SPONSOR', 'SPONSOR'),
      lineManagerWords: lineManagerInWords(c),
    };
  }
}
