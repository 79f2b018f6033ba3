import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, NotFoundException, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AppealKind } from '../../../../libs/domain/src';
import { clearanceRef } from '../aftercare/aftercare-words';
import type { ClearanceView } from '../aftercare/aftercare-words';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import type { ApplicantCase } from '../applicant/applicant-status';
import { Caller, Roles } from '../auth/auth.decorators';
import { caseRef } from '../cases/case.types';
import { field, refusalFlash } from '../common/form-action';
import { noteAppellant } from './appellant-navigation';
import type { AppealDecision, AppellantAppeal } from './appellant-words';
import {
  APPEAL_TEXT_MAX,
  appealTextProblem,
  appellantView,
  KIND_WORDS,
  kindFor,
  madeAbout,
  opaqueIds,
  panelWindowOpen,
  statementOpen,
  wasRefused,
} from './appellant-words';

/** An appeal or complaint being written, kept in the server-side session (never in an address or a field). */
interface AppealDraft {
  decision: AppealDecision;
  /** The refused application's or the withdrawn clearance's id. */
  id: string;
  kind: AppealKind;
  grounds?: string;
}

declare module 'express-session' {
  interface SessionData {
    appealDraft?: AppealDraft;
  }
}

const BASE = '/your-appeals';
const DECISIONS: readonly AppealDecision[] = ['refusal', 'withdrawal'];

/** The decision part of an address: anything else is a page that does not exist. */
function decisionOf(value: string): AppealDecision {
  if (!(DECISIONS as readonly string[]).includes(value)) throw new NotFoundException();
  return value as AppealDecision;
}

/**
 * The appellant's pages (issue 12): a recruit refused clearance makes a complaint, a member of staff whose
 * clearance is refused or withdrawn appeals (grounds, check, sent); their appeals and complaints with the coarse
 * status the API gives them and what happens next; telling us they want the independent panel while its window
 * is open; and their statement of case by its deadline. The API decides eligibility and who sees what (someone
 * else's appeal is a 404 there, and so here); these pages only choose what to offer. Under its own path so it
 * never meets the staff routes under /appeals.
 */
@Controller('your-appeals')
@Roles('APPLICANT')
export class AppellantController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  @Render('appeals/appellant/index')
  async mine(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Caller() caller: ApiCaller,
  ): Promise<object> {
    const { items } = await this.api.get<{ items: AppellantAppeal[] }>(caller, '/appeals/mine');
    await noteAppellant(this.api, caller, req, res, items.length > 0);
    const now = Date.now();
    return {
      appeals: [...items]
        .sort((a, b) => b.lodgedAt.localeCompare(a.lodgedAt))
        .map((a) => appellantView(a, now)),
    };
  }

  /** The grounds: what the decision got wrong. Offered only on a refusal or withdrawal of the caller's own. */
  @Get('new/:decision/:id')
  async groundsPage(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('decision') decisionParam: string,
    @Param('id', opaqueIds) id: string,
  ): Promise<void> {
    const about = await this.about(caller, decisionParam, id);
    if (!about)
      return res.redirect(303, decisionParam === 'withdrawal' ? '/clearance' : `/application/${id}`);
    const draft = this.draft(req, about.decision, id, about.kind);
    res.render('appeals/appellant/grounds', {
      ...this.words(about.kind),
      action: `${BASE}/new/${about.decision}/${id}`,
      backLink: about.decision === 'withdrawal' ? '/clearance' : `/application/${id}`,
      aboutText: about.text,
      decision: about.decision,
      grounds: draft.grounds ?? '',
      maxLength: APPEAL_TEXT_MAX,
    });
  }

  @Post('new/:decision/:id')
  saveGrounds(
    @Req() req: Request,
    @Res() res: Response,
    @Param('decision') decisionParam: string,
    @Param('id', opaqueIds) id: string,
    @Body() body: Record<string, unknown>,
  ): void {
    const decision = decisionOf(decisionParam);
    const draft = req.session.appealDraft;
    if (draft?.decision !== decision || draft.id !== id) {
      return res.redirect(303, `${BASE}/new/${decision}/${id}`);
    }
    const grounds = field(body, 'grounds');
    const problem = appealTextProblem(grounds, 'your grounds', 'Your grounds');
    if (problem) {
      req.session.flash = {
        kind: 'error',
        text: problem,
        errors: [{ text: problem, href: '#grounds' }],
        values: { grounds },
      };
      return res.redirect(303, `${BASE}/new/${decision}/${id}`);
    }
    draft.grounds = grounds;
    res.redirect(303, `${BASE}/new/${decision}/${id}/check`);
  }

  @Get('new/:decision/:id/check')
  async checkPage(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('decision') decisionParam: string,
    @Param('id', opaqueIds) id: string,
  ): Promise<void> {
    const draft = req.session.appealDraft;
    const start = `${BASE}/new/${decisionParam}/${id}`;
    if (draft?.decision !== decisionParam || draft.id !== id || !draft.grounds) {
      return res.redirect(303, start);
    }
    const about = await this.about(caller, draft.decision, id);
    if (!about) return res.redirect(303, start);
    res.render('appeals/appellant/check', {
      ...this.words(draft.kind),
      base: start,
      aboutText: about.text,
      grounds: draft.grounds,
    });
  }

  /**
   * Sends it. A 400 (the API's grounds rules) goes back to the grounds with the field's error; a 409 (already
   * made, no longer eligible) is said plainly on "Check your answers". One per decision: the API's appeal id is
   * derived from the decision, so a second send is a 409, never a second appeal.
   */
  @Post('new/:decision/:id/check')
  async send(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('decision') decisionParam: string,
    @Param('id', opaqueIds) id: string,
  ): Promise<void> {
    const draft = req.session.appealDraft;
    const start = `${BASE}/new/${decisionParam}/${id}`;
    if (draft?.decision !== decisionParam || draft.id !== id || !draft.grounds) {
      return res.redirect(303, start);
    }
    const target = draft.decision === 'withdrawal' ? { clearanceId: id } : { caseId: id };
    let lodged: AppellantAppeal;
    try {
      lodged = await this.api.post<AppellantAppeal>(caller, '/appeals', {
        kind: draft.kind,
        ...target,
        grounds: draft.grounds,
      });
    } catch (error) {
      if (!(error instanceof ApiError) || ![400, 409].includes(error.status)) throw error;
      const onGrounds = error.status === 400;
      req.session.flash = refusalFlash(error, {
        fieldIds: onGrounds ? { grounds: 'grounds' } : { grounds: 'grounds-answer' },
        defaultField: onGrounds ? 'grounds' : 'answers',
        values: onGrounds ? { grounds: draft.grounds } : undefined,
      });
      return res.redirect(303, onGrounds ? start : `${start}/check`);
    }
    delete req.session.appealDraft;
    req.session.flash = {
      kind: 'form',
      text: KIND_WORDS[lodged.kind].sent,
      values: { appealId: lodged.appealId, kind: lodged.kind },
    };
    res.redirect(303, `${BASE}/sent`);
  }

  /** The confirmation, once; reached again later, it goes to the list. */
  @Get('sent')
  sent(@Res() res: Response): void {
    const flash = res.locals.flash as { values?: { appealId?: unknown; kind?: unknown } } | undefined;
    const kind = flash?.values?.kind;
    if (typeof flash?.values?.appealId !== 'string' || (kind !== 'APPEAL' && kind !== 'COMPLAINT')) {
      return res.redirect(303, BASE);
    }
    res.locals.flash = undefined;
    res.render('appeals/appellant/sent', this.words(kind));
  }

  /** "Tell us you want to go to the independent panel", with its deadline; once it has passed, a plain message. */
  @Get(':appealId/panel')
  async panelPage(
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('appealId', opaqueIds) appealId: string,
  ): Promise<void> {
    const appeal = await this.api.get<AppellantAppeal>(caller, `/appeals/${appealId}`);
    if (appeal.kind !== 'APPEAL') return res.redirect(303, BASE);
    const flash = res.locals.flash as { kind?: string; title?: string } | undefined;
    // The API said the window had closed: say so, whatever the read-model still shows for a moment.
    const closed = flash?.title === WINDOW_CLOSED || !panelWindowOpen(appeal, Date.now());
    if (closed && flash?.title === WINDOW_CLOSED) res.locals.flash = undefined;
    res.render('appeals/appellant/panel', {
      appeal,
      closed,
      registered: appeal.status === 'IN_PROGRESS' || appeal.status === 'ACTION_NEEDED',
      idempotencyKey: randomUUID(),
    });
  }

  @Post(':appealId/panel')
  async registerIntent(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('appealId', opaqueIds) appealId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const backTo = `${BASE}/${appealId}/panel`;
    try {
      await this.api.post(caller, `/appeals/${appealId}/panel-intent`, {}, field(body, 'idempotencyKey'));
    } catch (error) {
      if (!(error instanceof ApiError) || ![400, 409].includes(error.status)) throw error;
      req.session.flash =
        error.body.error === 'APPEAL_WINDOW_CLOSED'
          ? { kind: 'form', title: WINDOW_CLOSED, text: WINDOW_CLOSED }
          : refusalFlash(error, { defaultField: 'register' });
      return res.redirect(303, backTo);
    }
    req.session.flash = {
      kind: 'success',
      text: 'You have told us you want to go to the independent panel',
    };
    res.redirect(303, BASE);
  }

  /** The appellant's statement of case, while it is due; its deadline on the page. */
  @Get(':appealId/statement')
  async statementPage(
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('appealId', opaqueIds) appealId: string,
  ): Promise<void> {
    const appeal = await this.api.get<AppellantAppeal>(caller, `/appeals/${appealId}`);
    const flash = res.locals.flash as { kind?: string } | undefined;
    // Not due (sent, or not asked for yet) and nothing to explain: the list says where the appeal is.
    if (appeal.statementDueAt === null && flash?.kind !== 'error') return res.redirect(303, BASE);
    res.render('appeals/appellant/statement', {
      appeal,
      open: statementOpen(appeal, Date.now()),
      maxLength: APPEAL_TEXT_MAX,
      idempotencyKey: randomUUID(),
    });
  }

  @Post(':appealId/statement')
  async sendStatement(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('appealId', opaqueIds) appealId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const backTo = `${BASE}/${appealId}/statement`;
    const statement = field(body, 'statement');
    const problem = appealTextProblem(statement, 'your statement of case', 'Your statement of case');
    if (problem) {
      req.session.flash = {
        kind: 'error',
        text: problem,
        errors: [{ text: problem, href: '#statement' }],
        values: { statement },
      };
      return res.redirect(303, backTo);
    }
    try {
      await this.api.post(
        caller,
        `/appeals/${appealId}/statements`,
        { statement },
        field(body, 'idempotencyKey'),
      );
    } catch (error) {
      if (!(error instanceof ApiError) || ![400, 409].includes(error.status)) throw error;
      req.session.flash = refusalFlash(error, { defaultField: 'statement', values: { statement } });
      return res.redirect(303, backTo);
    }
    req.session.flash = { kind: 'success', text: 'Your statement of case has been sent to the panel' };
    res.redirect(303, BASE);
  }

  /**
   * What is appealed or complained about, if the caller may: their own application, refused after vetting, or
   * their own clearance, withdrawn, with nothing made about it yet (one per decision: the decision's page then
   * shows what was made). The API answers 404 for someone else's; the kind follows from whether they hold or held
   * a clearance (the API's rule: recruits complain, staff appeal).
   */
  private async about(
    caller: ApiCaller,
    decisionParam: string,
    id: string,
  ): Promise<{ decision: AppealDecision; kind: AppealKind; text: string } | null> {
    const decision = decisionOf(decisionParam);
    const mine = await this.api.get<{ items: AppellantAppeal[] }>(caller, '/appeals/mine');
    if (madeAbout(mine.items, decision, id)) return null;
    if (decision === 'withdrawal') {
      const clearance = await this.api.get<ClearanceView>(caller, `/clearances/${id}`);
      if (clearance.status !== 'WITHDRAWN') return null;
      return {
        decision,
        kind: 'APPEAL',
        text: `The withdrawal of your security clearance, reference ${clearanceRef(id)}`,
      };
    }
    const application = await this.api.get<ApplicantCase>(caller, `/cases/${id}`);
    if (!wasRefused(application)) return null;
    const held = await this.api.get<{ items: ClearanceView[] }>(caller, '/clearances/mine');
    return {
      decision,
      kind: kindFor(decision, held.items.length > 0),
      text: `The decision not to grant security clearance on your application, reference ${caseRef(id)}`,
    };
  }

  /** The draft for this decision (a new one when there is none, or it was for another). */
  private draft(req: Request, decision: AppealDecision, id: string, kind: AppealKind): AppealDraft {
    const current = req.session.appealDraft;
    if (current?.decision === decision && current.id === id && current.kind === kind) return current;
    const fresh: AppealDraft = { decision, id, kind };
    req.session.appealDraft = fresh;
    return fresh;
  }

  private words(kind: AppealKind): object {
    return { kind, kindWords: KIND_WORDS[kind] };
  }
}

/** The flash title that marks the API's 409 APPEAL_WINDOW_CLOSED on the panel page. */
const WINDOW_CLOSED = 'The deadline to go to the independent panel has passed';
