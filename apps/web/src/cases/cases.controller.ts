import { randomUUID } from 'node:crypto';
import { Body, Controller, createParamDecorator, Get, Param, Post, Render, Res } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BASELINE_CHECK_TYPES, OFFICER_TASK_KINDS } from '../../../../libs/domain/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { callerOf, currentUserOf, Roles } from '../auth/auth.decorators';
import { conditionFields, conditionsFrom } from '../common/condition-rows';
import { field, formAction, lines } from '../common/form-action';
import type { FormActionOptions } from '../common/form-action';
import { words } from '../common/view-filters';
import type { SignedInUser } from '../session/session.types';
import { latestDeclaration } from './baseline-declaration';
import { CaseIdPipe, CaseReader } from './case-reader.service';
import { personName } from './case.types';
import type { CaseEvent } from './case.types';
import type { CaseFrame, CaseSection } from './case-reader.service';

const caseIds = new CaseIdPipe();

/** What every case route needs: the request, who is asking (person and API credentials) and which case. */
interface CaseRequest {
  req: Request;
  caller: ApiCaller;
  user: SignedInUser;
  id: string;
}

/** The CaseRequest of a /cases/:id route; a malformed id is the 404 page (CaseIdPipe). */
const CaseRequest = createParamDecorator((_: unknown, ctx: ExecutionContext): CaseRequest => {
  const req = ctx.switchToHttp().getRequest<Request>();
  return {
    req,
    caller: callerOf(req),
    user: currentUserOf(req),
    id: caseIds.transform(String(req.params.id)),
  };
});
type Form = Record<string, unknown>;

/** Human words for the timeline's actions. */
const ACTION_WORDS: Record<string, string> = {
  PASS_SCREENING: 'Passed eligibility screening',
  FAIL_SCREENING: 'Not eligible',
  REFER_RESIDENCY_EXCEPTION: 'Referred for a residency exception',
  DECIDE_RESIDENCY_EXCEPTION: 'Residency exception decided',
  ASSIGN_OFFICER: 'Officer assigned',
  SUBMIT_BASELINE: 'Baseline declaration submitted',
  RECORD_BASELINE_OUTCOME: 'Baseline outcome recorded',
  SUBMIT_QUESTIONNAIRE: 'Questionnaire submitted',
  ACCEPT_QUESTIONNAIRE: 'Questionnaire accepted',
  RETURN_QUESTIONNAIRE: 'Questionnaire returned to the applicant',
  RECORD_CHECK_RESULT: 'Record check result',
  COMPLETE_RECORD_CHECKS: 'Record checks complete',
  COMPLETE_STAGE: 'Stage completed',
  OPEN_TASK: 'Task opened',
  UPDATE_TASK: 'Task updated',
  CLOSE_TASK: 'Task closed',
  WAIVE_TASK: 'Task waived',
  SUBSTITUTE_REFEREE: 'Referee substituted',
  RECORD_RECOMMENDATION: 'Recommendation recorded',
  RETURN_TO_INVESTIGATION: 'Returned to investigation',
  RECORD_DECISION: 'Decision recorded',
  WITHDRAW: 'Withdrawn',
  LAPSE: 'Lapsed',
  SEND_REMINDER: 'Reminder sent',
  PAUSE_CLOCK: 'Clock paused',
  RESUME_CLOCK: 'Clock resumed',
  EXTEND_DEADLINE: 'Deadline extended',
};

/** What an event is called on the timeline; the stage clock's escalations say so rather than "Reminder sent". */
export function eventWords(event: Pick<CaseEvent, 'action' | 'payload'>): string {
  const kind = event.payload.kind;
  if (event.action === 'SEND_REMINDER' && typeof kind === 'string' && kind.endsWith('_ESCALATION')) {
    return 'Escalated to the team lead';
  }
  return ACTION_WORDS[event.action] ?? event.action;
}

/**
 * One case for the staff who work it: overview, timeline, questionnaire, record checks, tasks, recommendation
 * and decision, each a page under /cases/<id>, and the forms that act on it. Which forms appear is
 * offeredActions (the API's allowedActions narrowed to this person); the API decides again on every POST.
 */
@Controller('cases')
@Roles('VETTING_OFFICER', 'TEAM_LEAD', 'SENIOR_ADJUDICATOR', 'ADMIN')
export class CasesController {
  constructor(
    private readonly api: ApiClient,
    private readonly reader: CaseReader,
  ) {}

  private async page(cr: CaseRequest, section: CaseSection): Promise<CaseFrame & { idempotencyKey: string }> {
    const detail = await this.reader.read(cr.req, cr.caller, cr.id);
    return { ...this.reader.frame(detail, cr.user, section), idempotencyKey: randomUUID() };
  }

  /** Posts a form's action to the API as the signed-in person, under the form's idempotency key (formAction). */
  private send(
    cr: CaseRequest,
    res: Response,
    body: Form,
    path: string,
    payload: object,
    options: Omit<FormActionOptions, 'run'>,
  ): Promise<void> {
    return formAction(cr.req, res, {
      ...options,
      run: () => this.api.post(cr.caller, `/cases/${cr.id}${path}`, payload, field(body, 'idempotencyKey')),
    });
  }

  @Get(':id')
  @Render('cases/overview')
  overview(@CaseRequest() cr: CaseRequest) {
    return this.page(cr, 'overview');
  }

  @Get(':id/timeline')
  @Render('cases/timeline')
  async timeline(@CaseRequest() cr: CaseRequest): Promise<object> {
    const view = await this.page(cr, 'timeline');
    const events = [...view.case.history].reverse().map((e) => ({
      label: { text: eventWords(e) },
      text:
        e.fromStage && e.fromStage !== e.toStage
          ? `Moved from ${words(e.fromStage)} to ${words(e.toStage)}.`
          : `Stage: ${words(e.toStage)}.`,
      datetime: { timestamp: e.occurredAt, type: 'datetime' },
      byline: { text: personName(view.case, e.actor) },
    }));
    return { ...view, events };
  }

  /**
   * The baseline (BPSS) checks: where the declaration stands, the latest declaration itself (from the case
   * history, which the API opens for the case's officers), the basic criminal record check, and the outcome form.
   */
  @Get(':id/baseline')
  @Render('cases/baseline')
  async baseline(@CaseRequest() cr: CaseRequest): Promise<object> {
    const view = await this.page(cr, 'baseline');
    const checks = view.case.checks.filter((c) =>
      (BASELINE_CHECK_TYPES as readonly string[]).includes(c.checkType),
    );
    return {
      ...view,
      baseline: view.case.baseline ?? null,
      declaration: latestDeclaration(view.case.history, view.case.baseline?.policy),
      baselineChecks: checks,
    };
  }

  @Get(':id/questionnaire')
  @Render('cases/questionnaire')
  async questionnaire(@CaseRequest() cr: CaseRequest): Promise<object> {
    const view = await this.page(cr, 'questionnaire');
    const q = view.case.questionnaire;
    let sections: { title: string; rows: { key: { text: string }; value: { text: string } }[] }[] = [];
    if (q.version > 0 && q.status !== 'AWAITING') {
      const submitted = await this.api.get<{ content: Record<string, unknown> }>(
        cr.caller,
        `/cases/${cr.id}/questionnaire/versions/${q.version}`,
        {},
        CaseReader.reasonHeader(cr.req, cr.id),
      );
      sections = Object.entries(submitted.content ?? {}).map(([name, value]) => ({
        title: words(name),
        rows: flatten(value).map(([key, text]) => ({ key: { text: key || words(name) }, value: { text } })),
      }));
    }
    return { ...view, sections };
  }

  @Get(':id/checks')
  @Render('cases/checks')
  checks(@CaseRequest() cr: CaseRequest) {
    return this.page(cr, 'checks');
  }

  @Get(':id/tasks')
  @Render('cases/tasks')
  async tasks(@CaseRequest() cr: CaseRequest): Promise<object> {
    const view = await this.page(cr, 'tasks');
    return { ...view, taskKinds: OFFICER_TASK_KINDS.map((k) => ({ value: k, text: words(k) })) };
  }

  @Get(':id/recommendation')
  @Render('cases/recommendation')
  recommendation(@CaseRequest() cr: CaseRequest) {
    return this.page(cr, 'recommendation');
  }

  @Get(':id/decision')
  @Render('cases/decision')
  decision(@CaseRequest() cr: CaseRequest) {
    return this.page(cr, 'decision');
  }

  /** The reason for reading a case outside one's own queue, asked once per case per session. */
  @Post(':id/access-reason')
  accessReason(@CaseRequest() { req, id }: CaseRequest, @Res() res: Response, @Body() body: Form): void {
    const reason = field(body, 'reason');
    if (!reason) {
      req.session.flash = {
        kind: 'error',
        text: 'Say why you need to see this case',
        errors: [{ text: 'Say why you need to see this case', href: '#reason' }],
      };
    } else {
      CaseReader.rememberReason(req, id, reason);
    }
    res.redirect(303, `/cases/${id}`);
  }

  // Actions. Each posts to the API as the signed-in person and comes back to the page it was sent from.

  @Post(':id/questionnaire/accept')
  accept(@CaseRequest() cr: CaseRequest, @Res() res: Response, @Body() body: Form) {
    const notes = field(body, 'notes');
    return this.send(cr, res, body, `/questionnaire/acceptance`, notes ? { notes } : {}, {
      backTo: `/cases/${cr.id}/questionnaire`,
      next: `/cases/${cr.id}`,
      success: 'Questionnaire accepted: record checks have started',
    });
  }

  @Post(':id/questionnaire/return')
  returnQuestionnaire(@CaseRequest() cr: CaseRequest, @Res() res: Response, @Body() body: Form) {
    const notes = field(body, 'returnNotes');
    return this.send(
      cr,
      res,
      body,
      `/questionnaire/return`,
      { items: lines(body.items), ...(notes ? { notes } : {}) },
      {
        backTo: `/cases/${cr.id}/questionnaire`,
        success: 'Questionnaire returned to the applicant with the items to fix',
        fieldIds: { notes: 'returnNotes' },
        values: { items: field(body, 'items'), returnNotes: notes },
      },
    );
  }

  @Post(':id/baseline/outcome')
  recordBaselineOutcome(@CaseRequest() cr: CaseRequest, @Res() res: Response, @Body() body: Form) {
    const outcome = field(body, 'outcome');
    const missingItems = lines(body.missingItems);
    const notes = field(body, 'failNotes');
    const values = { outcome, missingItems: field(body, 'missingItems'), failNotes: notes };
    const backTo = `/cases/${cr.id}/baseline`;
    // The API's own words for these are about its fields; the page asks in the Design System's words.
    const problem =
      outcome !== 'PASS' && outcome !== 'NEEDS_INFORMATION' && outcome !== 'FAIL'
        ? { text: 'Select the outcome of the baseline checks', href: '#outcome' }
        : outcome === 'NEEDS_INFORMATION' && missingItems.length === 0
          ? { text: 'Enter what the applicant needs to send, one thing on each line', href: '#missingItems' }
          : outcome === 'FAIL' && notes === ''
            ? { text: 'Enter why the applicant does not meet the baseline standard', href: '#failNotes' }
            : null;
    if (problem) {
      cr.req.session.flash = { kind: 'error', text: problem.text, errors: [problem], values };
      return res.redirect(303, backTo);
    }
    return this.send(
      cr,
      res,
      body,
      `/baseline/outcome`,
      {
        outcome,
        ...(outcome === 'NEEDS_INFORMATION' ? { missingItems } : {}),
        ...(outcome === 'FAIL' ? { notes } : {}),
      },
      {
        backTo,
        success: 'Baseline outcome recorded',
        fieldIds: { outcome: 'outcome', missingItems: 'missingItems', notes: 'failNotes' },
        values,
        defaultField: 'outcome',
      },
    );
  }

  @Post(':id/tasks')
  openTask(@CaseRequest() cr: CaseRequest, @Res() res: Response, @Body() body: Form) {
    const kind = field(body, 'kind');
    const details: Record<string, string | boolean> = {};
    if (field(body, 'detail')) details.note = field(body, 'detail');
    // Medical input needs the applicant's consent (the API refuses a medical task without it).
    if (kind === 'MEDICAL') details.consent = field(body, 'consent') === 'yes';
    return this.send(
      cr,
      res,
      body,
      `/tasks`,
      { kind, title: field(body, 'title'), details },
      {
        backTo: `/cases/${cr.id}/tasks`,
        success: 'Task opened',
        fieldIds: { details: 'consent' },
        values: { kind, title: field(body, 'title'), detail: field(body, 'detail') },
      },
    );
  }

  @Post(':id/tasks/:taskId/close')
  closeTask(
    @CaseRequest() cr: CaseRequest,
    @Res() res: Response,
    @Param('taskId') taskId: string,
    @Body() body: Form,
  ) {
    const notes = field(body, 'notes');
    return this.send(
      cr,
      res,
      body,
      `/tasks/${encodeURIComponent(taskId)}/closure`,
      { outcome: field(body, 'outcome'), ...(notes ? { notes } : {}) },
      {
        backTo: `/cases/${cr.id}/tasks`,
        success: 'Task closed',
        fieldIds: { outcome: `outcome-${taskId}` },
      },
    );
  }

  @Post(':id/tasks/:taskId/waive')
  waiveTask(
    @CaseRequest() cr: CaseRequest,
    @Res() res: Response,
    @Param('taskId') taskId: string,
    @Body() body: Form,
  ) {
    return this.send(
      cr,
      res,
      body,
      `/tasks/${encodeURIComponent(taskId)}/waiver`,
      { reason: field(body, 'reason') },
      {
        backTo: `/cases/${cr.id}/tasks`,
        success: 'Task waived',
        fieldIds: { reason: `reason-${taskId}` },
      },
    );
  }

  @Post(':id/stage/complete')
  completeStage(@CaseRequest() cr: CaseRequest, @Res() res: Response, @Body() body: Form) {
    const stage = field(body, 'stage');
    const notes = field(body, 'stageNotes');
    return this.send(
      cr,
      res,
      body,
      `/stages/${encodeURIComponent(stage)}/completion`,
      { outcome: field(body, 'stageOutcome'), ...(notes ? { notes } : {}) },
      {
        backTo: `/cases/${cr.id}/tasks`,
        next: `/cases/${cr.id}`,
        success: `${words(stage)} completed`,
        fieldIds: { outcome: 'stageOutcome', notes: 'stageNotes' },
        values: { stageOutcome: field(body, 'stageOutcome'), stageNotes: notes },
      },
    );
  }

  @Post(':id/recommendation')
  recommend(@CaseRequest() cr: CaseRequest, @Res() res: Response, @Body() body: Form) {
    const recommendation = field(body, 'recommendation');
    const risk = field(body, 'risk');
    const conditions = conditionsFrom(body);
    return this.send(
      cr,
      res,
      body,
      `/recommendation`,
      {
        recommendation,
        assessment: field(body, 'assessment'),
        ...(risk ? { risk } : {}),
        ...(recommendation === 'GRANT_WITH_CONDITIONS' || conditions.length > 0 ? { conditions } : {}),
      },
      {
        backTo: `/cases/${cr.id}/recommendation`,
        next: `/cases/${cr.id}`,
        success: 'Recommendation recorded: the case is with the adjudicators',
        fieldIds: { conditions: 'condition-1-type' },
        values: formValues(body, ['recommendation', 'assessment', 'risk', ...conditionFields()]),
      },
    );
  }

  @Post(':id/decision')
  decide(@CaseRequest() cr: CaseRequest, @Res() res: Response, @Body() body: Form) {
    const outcome = field(body, 'outcome');
    const conditions = conditionsFrom(body);
    const review = reviewDate(body);
    const values = formValues(body, [
      'outcome',
      'disclosableReasons',
      'nonDisclosableReasons',
      'reviewDueDate-day',
      'reviewDueDate-month',
      'reviewDueDate-year',
      ...conditionFields(),
    ]);
    if (review.invalid) {
      cr.req.session.flash = {
        kind: 'error',
        text: 'Review date must be a real date',
        errors: [
          { text: 'Review date must be a real date, for example 31 1 2030', href: '#reviewDueDate-day' },
        ],
        values,
      };
      return res.redirect(303, `/cases/${cr.id}/decision`);
    }
    return this.send(
      cr,
      res,
      body,
      `/decision`,
      {
        outcome,
        ...(outcome === 'GRANTED_WITH_CONDITIONS' || conditions.length > 0 ? { conditions } : {}),
        ...(review.date ? { reviewDueDate: review.date } : {}),
        disclosableReasons: lines(body.disclosableReasons),
        nonDisclosableReasons: lines(body.nonDisclosableReasons),
      },
      {
        backTo: `/cases/${cr.id}/decision`,
        next: `/decisions`,
        success: 'Decision recorded',
        fieldIds: { conditions: 'condition-1-type', reviewDueDate: 'reviewDueDate-day' },
        values,
      },
    );
  }

  @Post(':id/deadline/extend')
  extend(@CaseRequest() cr: CaseRequest, @Res() res: Response, @Body() body: Form) {
    return this.send(
      cr,
      res,
      body,
      `/deadline/extension`,
      { by: Number(field(body, 'by')), reason: field(body, 'extendReason') },
      {
        backTo: `/cases/${cr.id}`,
        success: 'Deadline extended',
        fieldIds: { by: 'by', reason: 'extendReason' },
        values: { by: field(body, 'by'), extendReason: field(body, 'extendReason') },
      },
    );
  }
}

/** The GOV.UK date input as YYYY-MM-DD; nothing when left empty, `invalid` when not a real date. */
export function reviewDate(body: Form): { date?: string; invalid?: true } {
  const [d, m, y] = ['day', 'month', 'year'].map((part) => field(body, `reviewDueDate-${part}`));
  if (!d && !m && !y) return {};
  const day = Number(d);
  const month = Number(m);
  const year = Number(y);
  if (![day, month, year].every(Number.isInteger) || y.length !== 4) return { invalid: true };
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { invalid: true };
  }
  return { date: date.toISOString().slice(0, 10) };
}

function formValues(body: Form, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, field(body, name)]));
}

/** A questionnaire section as key/value rows: nested objects and arrays flattened to readable keys. */
export function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value === null || value === undefined) return [[prefix, 'Not given']];
  if (Array.isArray(value)) {
    if (value.length === 0) return [[prefix, 'None']];
    if (value.every((v) => typeof v !== 'object' || v === null))
      return [[prefix, value.map(String).join(', ')]];
    return value.flatMap((item, i) => flatten(item, `${prefix ? `${prefix} ` : ''}${i + 1}`));
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      flatten(v, `${prefix ? `${prefix}: ` : ''}${words(k.replace(/([a-z])([A-Z])/g, '$1_$2'))}`),
    );
  }
  if (typeof value === 'boolean') return [[prefix, value ? 'Yes' : 'No']];
  return [[prefix, typeof value === 'string' ? value : JSON.stringify(value)]];
}
