import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { dateParts, readDate } from '../common/date-input';
import { Caller, Roles } from '../auth/auth.decorators';
import { field, formAction, refusalFlash } from '../common/form-action';
import type { ChangeReportDraft } from './aftercare-session';
import { clearanceIds, refuse, textProblem } from './aftercare-session';
import type { ClearanceView } from './aftercare-words';
import {
  allows,
  appraisalOpen,
  CHANGE_KIND_WORDS,
  changeKindOf,
  clearanceRef,
  clearanceStatusInWords,
  holderLineManagerInWords,
  holderRenewal,
} from './aftercare-words';
import { noteAppellant } from '../appeals/appellant-navigation';
import type { AppellantAppeal } from '../appeals/appellant-words';
import { madeAbout, madeView } from '../appeals/appellant-words';
import type { ApplicantCase } from '../applicant/applicant-status';
import { APPLICANT_STATUS_WORDS } from '../applicant/applicant-status';

/** A clearance as the holder's pages show it. */
function holderView(c: ClearanceView): object {
  return {
    ...c,
    ref: clearanceRef(c.clearanceId),
    words: clearanceStatusInWords(c.status),
    mayReportChange: allows(c, 'REPORT_CHANGE', 'HOLDER'),
    appraisalOpen: appraisalOpen(c),
    lineManagerWords: holderLineManagerInWords(c),
  };
}

/**
 * The holder's pages (issue 12): their clearance's status in plain words and its review date, reporting a change
 * of circumstances (what changed, the details that kind needs, when, then check and send), and the annual
 * security appraisal while one is due. Built on the API's holder routes, which decide what a holder sees: a
 * clearance that is not theirs is a 404 there, and so here. Answers in progress live in the session only.
 */
@Controller('clearance')
@Roles('APPLICANT')
export class HolderController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  @Render('aftercare/holder/clearance')
  async mine(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Caller() caller: ApiCaller,
  ): Promise<object> {
    const { items } = await this.api.get<{ items: ClearanceView[] }>(caller, '/clearances/mine');
    const [newest, ...earlier] = items;
    await noteAppellant(
      this.api,
      caller,
      req,
      res,
      items.some((c) => c.status === 'WITHDRAWN'),
    );
    return {
      clearance: newest ? holderView(newest) : null,
      earlier: earlier.map(holderView),
      renewal: newest ? await this.renewal(caller, newest) : null,
      appealMade: newest?.status === 'WITHDRAWN' ? await this.appealMade(caller, newest.clearanceId) : null,
    };
  }

  /** The appeal already made against this withdrawal, if any: then it is shown instead of the route to appeal. */
  private async appealMade(caller: ApiCaller, clearanceId: string): Promise<object | null> {
    const { items } = await this.api.get<{ items: AppellantAppeal[] }>(caller, '/appeals/mine');
    const made = madeAbout(items, 'withdrawal', clearanceId);
    return made ? madeView(made) : null;
  }

  /**
   * Renewal as the holder is told it, discreetly: due soon, or under way with what is asked of them now. The
   * renewal case is an ordinary application of theirs, worked through the applicant's pages: the questionnaire's
   * pages serve the newest application, so they are offered only when the renewal case is that one.
   */
  private async renewal(
    caller: ApiCaller,
    clearance: ClearanceView,
  ): Promise<{ state: 'DUE' | 'UNDER_WAY'; questionnaire?: boolean; href?: string; status?: string } | null> {
    const state = holderRenewal(clearance, new Date().toISOString().slice(0, 10));
    const caseId = clearance.renewal?.caseId;
    if (state !== 'UNDER_WAY' || !caseId) return state ? { state } : null;
    const list = await this.api.get<{ items: ApplicantCase[] }>(caller, '/applications', {
      page: 1,
      pageSize: 1,
    });
    const newest = list.items[0];
    // Just after it opens, the case may not be recorded yet: the renewal is under way, with nothing to do yet.
    const renewalCase =
      newest?.id === caseId
        ? newest
        : await this.api.get<ApplicantCase>(caller, `/cases/${caseId}`).catch((error: unknown) => {
            if (error instanceof ApiError && error.status === 404) return null;
            throw error;
          });
    if (!renewalCase) return { state };
    return {
      state,
      questionnaire:
        newest?.id === caseId && renewalCase.status === 'ACTION_NEEDED' && !renewalCase.baselineStatus,
      href: newest?.id === caseId ? '/application' : `/application/${caseId}`,
      status: (APPLICANT_STATUS_WORDS[renewalCase.status] ?? APPLICANT_STATUS_WORDS.IN_PROGRESS).tag,
    };
  }

  @Get(':clearanceId/change')
  async kindPage(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    if (!(await this.mayReport(caller, id))) return res.redirect(303, '/clearance');
    const draft = this.draft(req, id);
    res.render('aftercare/holder/change-kind', {
      clearanceId: id,
      kinds: Object.entries(CHANGE_KIND_WORDS).map(([value, w]) => ({
        value,
        text: w.text,
        hint: { text: w.hint },
        checked: draft.kind === value,
      })),
    });
  }

  @Post(':clearanceId/change')
  chooseKind(
    @Req() req: Request,
    @Res() res: Response,
    @Param('clearanceId', clearanceIds) id: string,
    @Body() body: Record<string, unknown>,
  ): void {
    const kind = changeKindOf(field(body, 'kind'));
    if (!kind) {
      return refuse(req, res, `/clearance/${id}/change`, {
        text: 'Select what has changed',
        href: '#kind',
      });
    }
    const draft = this.draft(req, id);
    // Another kind asks other details: what was written for the last one no longer answers the question.
    if (draft.kind !== kind) delete draft.summary;
    draft.kind = kind;
    res.redirect(303, this.next(draft));
  }

  @Get(':clearanceId/change/details')
  detailsPage(
    @Req() req: Request,
    @Res() res: Response,
    @Param('clearanceId', clearanceIds) id: string,
  ): void {
    const draft = this.draft(req, id);
    if (!draft.kind) return res.redirect(303, `/clearance/${id}/change`);
    res.render('aftercare/holder/change-details', {
      clearanceId: id,
      question: CHANGE_KIND_WORDS[draft.kind].details,
      summary: draft.summary ?? '',
    });
  }

  @Post(':clearanceId/change/details')
  saveDetails(
    @Req() req: Request,
    @Res() res: Response,
    @Param('clearanceId', clearanceIds) id: string,
    @Body() body: Record<string, unknown>,
  ): void {
    const draft = this.draft(req, id);
    if (!draft.kind) return res.redirect(303, `/clearance/${id}/change`);
    const summary = field(body, 'summary');
    const problem = textProblem(summary, 'the details of the change', 'The details');
    if (problem) {
      return refuse(
        req,
        res,
        `/clearance/${id}/change/details`,
        { text: problem, href: '#summary' },
        { summary },
      );
    }
    draft.summary = summary;
    res.redirect(303, this.next(draft));
  }

  @Get(':clearanceId/change/date')
  datePage(@Req() req: Request, @Res() res: Response, @Param('clearanceId', clearanceIds) id: string): void {
    const draft = this.draft(req, id);
    if (!draft.kind) return res.redirect(303, `/clearance/${id}/change`);
    res.render('aftercare/holder/change-date', {
      clearanceId: id,
      question: CHANGE_KIND_WORDS[draft.kind].when,
      saved: dateParts('occurredOn', draft.occurredOn),
    });
  }

  @Post(':clearanceId/change/date')
  saveDate(
    @Req() req: Request,
    @Res() res: Response,
    @Param('clearanceId', clearanceIds) id: string,
    @Body() body: Record<string, unknown>,
  ): void {
    const draft = this.draft(req, id);
    if (!draft.kind) return res.redirect(303, `/clearance/${id}/change`);
    const date = readDate(body, { id: 'occurredOn', enter: 'the date', name: 'The date' });
    if (date.errors) {
      const [error] = date.errors;
      const values = Object.fromEntries(
        ['day', 'month', 'year'].map((p) => [`occurredOn-${p}`, field(body, `occurredOn-${p}`)]),
      );
      if (error) return refuse(req, res, `/clearance/${id}/change/date`, error, values);
    }
    draft.occurredOn = date.value;
    res.redirect(303, this.next(draft));
  }

  @Get(':clearanceId/change/check')
  checkPage(@Req() req: Request, @Res() res: Response, @Param('clearanceId', clearanceIds) id: string): void {
    const draft = this.draft(req, id);
    if (!draft.kind || !draft.summary || !draft.occurredOn) return res.redirect(303, this.next(draft));
    res.render('aftercare/holder/change-check', {
      clearanceId: id,
      draft,
      kindText: CHANGE_KIND_WORDS[draft.kind].text,
      whenQuestion: CHANGE_KIND_WORDS[draft.kind].when,
    });
  }

  /** Sends the report with the draft's own key; the API's refusal is the error summary on "Check your answers". */
  @Post(':clearanceId/change/check')
  async send(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    const draft = this.draft(req, id);
    const { kind, summary, occurredOn } = draft;
    if (!kind || !summary || !occurredOn) return res.redirect(303, this.next(draft));
    try {
      await this.api.post(caller, `/clearances/${id}/changes`, { kind, occurredOn, summary }, draft.key);
    } catch (error) {
      if (!(error instanceof ApiError) || ![400, 409].includes(error.status)) throw error;
      req.session.flash = refusalFlash(error, {
        fieldIds: { kind: 'kind-answer', summary: 'summary-answer', occurredOn: 'occurredOn-answer' },
        defaultField: 'answers',
      });
      return res.redirect(303, `/clearance/${id}/change/check`);
    }
    delete req.session.changeReport;
    req.session.flash = { kind: 'success', text: 'Change reported', values: { clearanceId: id } };
    res.redirect(303, `/clearance/${id}/change/sent`);
  }

  /** The confirmation, once; reached again later, it goes back to the clearance. */
  @Get(':clearanceId/change/sent')
  sent(@Res() res: Response, @Param('clearanceId', clearanceIds) id: string): void {
    const flash = res.locals.flash as { values?: { clearanceId?: unknown } } | undefined;
    if (flash?.values?.clearanceId !== id) return res.redirect(303, '/clearance');
    res.locals.flash = undefined;
    res.render('aftercare/holder/change-sent', { clearanceId: id });
  }

  @Get(':clearanceId/appraisal')
  async appraisalPage(
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    const clearance = await this.api.get<ClearanceView>(caller, `/clearances/${id}`);
    if (!appraisalOpen(clearance)) return res.redirect(303, '/clearance');
    res.render('aftercare/holder/appraisal', {
      clearance: holderView(clearance),
      idempotencyKey: randomUUID(),
    });
  }

  @Post(':clearanceId/appraisal')
  async submitAppraisal(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const backTo = `/clearance/${id}/appraisal`;
    const concern = field(body, 'raisesConcern');
    const summary = field(body, 'summary');
    const n = Number(field(body, 'n'));
    const values = { raisesConcern: concern, summary };
    if (concern !== 'yes' && concern !== 'no') {
      return refuse(
        req,
        res,
        backTo,
        { text: 'Select yes if you or your line manager have a concern to raise', href: '#raisesConcern' },
        values,
      );
    }
    const problem = textProblem(summary, 'a summary of your year', 'The summary');
    if (problem) return refuse(req, res, backTo, { text: problem, href: '#summary' }, values);
    await formAction(req, res, {
      run: () =>
        this.api.post(
          caller,
          `/clearances/${id}/appraisals`,
          { n, raisesConcern: concern === 'yes', summary },
          field(body, 'idempotencyKey'),
        ),
      backTo,
      next: '/clearance',
      success: 'Your annual security appraisal has been sent',
      values,
      defaultField: 'summary',
    });
  }

  /** Whether the holder may report a change on this clearance now (a 404 for someone else's comes from the API). */
  private async mayReport(caller: ApiCaller, id: string): Promise<boolean> {
    const clearance = await this.api.get<ClearanceView>(caller, `/clearances/${id}`);
    return allows(clearance, 'REPORT_CHANGE', 'HOLDER');
  }

  /** The report in progress for this clearance (a new one when there is none, or it was for another). */
  private draft(req: Request, clearanceId: string): ChangeReportDraft {
    const current = req.session.changeReport;
    if (current?.clearanceId === clearanceId) return current;
    const fresh: ChangeReportDraft = { clearanceId, key: randomUUID() };
    req.session.changeReport = fresh;
    return fresh;
  }

  /** The first question not yet answered, or "Check your answers". */
  private next(draft: ChangeReportDraft): string {
    const base = `/clearance/${draft.clearanceId}/change`;
    if (!draft.kind) return base;
    if (!draft.summary) return `${base}/details`;
    if (!draft.occurredOn) return `${base}/date`;
    return `${base}/check`;
  }
}
