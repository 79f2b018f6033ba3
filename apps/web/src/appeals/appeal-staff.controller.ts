import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { COMPLAINT_OUTCOMES, PANEL_RECOMMENDATIONS, STATEMENT_SIDES } from '../../../../libs/domain/src';
import type { StatementSide } from '../../../../libs/domain/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { Caller, CurrentUser, Roles } from '../auth/auth.decorators';
import { caseRef } from '../cases/case.types';
import { readDate } from '../common/date-input';
import type { FieldError } from '../common/date-input';
import { field, refusalFlash } from '../common/form-action';
import { govukDate, govukDateTime } from '../common/view-filters';
import type { Flash, SignedInUser } from '../session/session.types';
import {
  appealEventTimeline,
  appealSummary,
  appealTitle,
  COMPLAINT_OUTCOME_WORDS,
  HEARING_OUTCOME_WORDS,
  RECOMMENDATION_WORDS,
  SIDE_WORDS,
  staffActions,
} from './appeal-staff-words';
import type { AppealEvent, AppealStaffView, StaffActions } from './appeal-staff-words';

/** Someone GET /appeals/:id/secretary-candidates offers. */
interface SecretaryCandidate {
  userId: string;
  displayName: string;
  you: boolean;
}

/** An appeal id in an address: anything else is a page that does not exist (the id is opaque, never personal). */
const appealIds = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new NotFoundException() });

/** The appeal rules' bound on free text (TEXT_LIMIT). */
const TEXT_MAX = 4000;

/** What to say when a field the API named is wrong: when it is missing, and when it is too long. */
interface FieldWords {
  id: string;
  missing: string;
  name: string;
}

const text = (id: string, missing: string, name: string): FieldWords => ({ id, missing, name });

/** The forms: where each posts in the API, which action it needs, its fields' words and its success message. */
const FORMS = {
  hearing: {
    title: 'Record the internal hearing',
    api: 'hearing',
    offered: (a: StaffActions) => a.hearing,
    fields: {
      outcome: text('outcome', 'Select the outcome of the hearing', 'The outcome'),
      reviewOfDecision: text(
        'reviewOfDecision',
        'Enter your review of the decision',
        'The review of the decision',
      ),
      reviewOfProcess: text(
        'reviewOfProcess',
        'Enter your review of the process',
        'The review of the process',
      ),
      reviewOfDisclosure: text(
        'reviewOfDisclosure',
        'Enter your review of what was disclosed',
        'The review of what was disclosed',
      ),
      reasons: text('reasons', 'Enter the reasons for the outcome', 'The reasons'),
    },
  },
  'complaint-response': {
    title: 'Answer the complaint',
    api: 'complaint-response',
    offered: (a: StaffActions) => a.complaintResponse,
    fields: {
      outcome: text('outcome', 'Select whether the complaint is upheld', 'The outcome'),
      response: text('response', 'Enter the response to the complainant', 'The response'),
    },
  },
  'department-statement': {
    title: 'Submit the department’s statement of case',
    api: 'statements',
    offered: (a: StaffActions) => a.statement,
    fields: { statement: text('statement', 'Enter the department’s statement of case', 'The statement') },
  },
  extension: {
    title: 'Grant an extension',
    api: 'extensions',
    offered: (a: StaffActions) => a.extension.length > 0,
    fields: {
      side: text('side', 'Select whose statement of case the extension is for', 'The side'),
      dueAt: text('dueAt-day', 'Enter the new due date', 'The new due date'),
      reason: text('reason', 'Enter the reasons for the extension', 'The reasons'),
    },
  },
  secretary: {
    title: 'Name the panel secretary',
    api: 'secretary',
    offered: (a: StaffActions) => a.takeOn,
    fields: { secretaryId: text('secretaryId', 'Select the panel secretary', 'The panel secretary') },
  },
  recommendation: {
    title: 'Record the panel’s recommendation',
    api: 'recommendation',
    offered: (a: StaffActions) => a.recommendation,
    fields: {
      recommendation: text('recommendation', 'Select the panel’s recommendation', 'The recommendation'),
      reasons: text('reasons', 'Enter the panel’s reasons', 'The reasons'),
    },
  },
} as const satisfies Record<
  string,
  { title: string; api: string; offered: (a: StaffActions) => boolean; fields: Record<string, FieldWords> }
>;
type FormName = keyof typeof FORMS;

/**
 * Each form's own path, not a `:form` parameter: the appellant's pages live under /appeals too, and a wildcard
 * here would answer (and refuse) their addresses.
 */
const FORM_PATHS = Object.keys(FORMS).map((form) => `:appealId/${form}`);

/** The form a request is for, from the last segment of its path. */
function formOf(path: string): FormName {
  const last = path.split('/').pop() ?? '';
  if (last in FORMS) return last as FormName;
  throw new NotFoundException();
}

/** The independence rule in words that say what to do (the API's message names the rule, not who may). */
const PRIOR_INVOLVEMENT =
  'You took part in this case or clearance, so you cannot hear this appeal or answer this complaint. A senior adjudicator with no prior involvement must do it';

/**
 * The staff's pages for one appeal or complaint: its summary and timeline, and the forms of the senior
 * adjudicators (internal hearing, complaint response, the department's statement of case) and of the panel
 * secretary (acknowledgement, extensions, the panel's recommendation). Only what the appeal transition table and
 * the deadlines allow is offered; whatever the API refuses meanwhile (independence, a deadline passed, a field) is
 * the error summary on the page.
 */
@Controller('appeals')
@Roles('PANEL_SECRETARY', 'SENIOR_ADJUDICATOR')
export class AppealStaffController {
  constructor(private readonly api: ApiClient) {}

  @Get(':appealId')
  async appeal(
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Param('appealId', appealIds) id: string,
  ): Promise<void> {
    // The appeal first: its 404 (someone else's, or none) is the page's answer before its history is asked for.
    const appeal = await this.api.get<AppealStaffView>(caller, `/appeals/${id}`);
    const history = await this.api.get<{ items: AppealEvent[]; staffNames: Record<string, string> }>(
      caller,
      `/appeals/${id}/events`,
    );
    const now = Date.now();
    res.render('appeals/staff/appeal', {
      appeal: this.heading(appeal),
      summary: appealSummary(appeal, now, user.subject),
      timeline: appealEventTimeline(appeal, history.items, user.subject, history.staffNames),
      actions: staffActions(appeal, user.roles, now, user.subject),
      adjudicator: user.roles.includes('SENIOR_ADJUDICATOR'),
      // Said before they try: the API would refuse their hearing or answer for prior involvement.
      mayNotHear:
        user.roles.includes('SENIOR_ADJUDICATOR') &&
        appeal.youMayNotHear &&
        (appeal.status === 'INTERNAL_REVIEW' || appeal.status === 'COMPLAINT_OPEN')
          ? PRIOR_INVOLVEMENT
          : null,
      idempotencyKey: randomUUID(),
    });
  }

  @Post(':appealId/acknowledgement')
  @Roles('PANEL_SECRETARY')
  async acknowledge(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('appealId', appealIds) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    await this.act(req, res, {
      run: () => this.api.post(caller, `/appeals/${id}/acknowledgement`, {}, field(body, 'idempotencyKey')),
      backTo: `/appeals/${id}`,
      success: 'Registration acknowledged: both statements of case are now due',
      fields: {},
      values: {},
    });
  }

  @Get(FORM_PATHS)
  async formPage(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Param('appealId', appealIds) id: string,
  ): Promise<void> {
    const form = formOf(req.path);
    const appeal = await this.api.get<AppealStaffView>(caller, `/appeals/${id}`);
    const now = Date.now();
    const actions = staffActions(appeal, user.roles, now);
    if (!FORMS[form].offered(actions)) {
      // Not for this person, or not now: the appeal's page says where it stands (and any refusal that sent them).
      const flash = res.locals.flash as Flash | undefined;
      if (flash) req.session.flash = flash;
      return res.redirect(303, `/appeals/${id}`);
    }
    const statements = appeal.panel?.statements;
    // Only the secretary's page needs its candidates: the staff the API will accept, by name.
    const candidates =
      form === 'secretary'
        ? await this.api.get<{ items: SecretaryCandidate[] }>(caller, `/appeals/${id}/secretary-candidates`)
        : { items: [] };
    res.render(`appeals/staff/${form}`, {
      secretaries: candidates.items.map((c) => ({
        value: c.userId,
        text: c.you ? `${c.displayName} (you)` : c.displayName,
      })),
      appeal: this.heading(appeal),
      title: FORMS[form].title,
      formPath: form,
      textMax: TEXT_MAX,
      idempotencyKey: randomUUID(),
      hearingOutcomes: Object.entries(HEARING_OUTCOME_WORDS).map(([value, w]) => ({
        value,
        text: w.text,
        hint: { text: w.hint },
      })),
      complaintOutcomes: COMPLAINT_OUTCOMES.map((value) => ({ value, text: COMPLAINT_OUTCOME_WORDS[value] })),
      recommendations: PANEL_RECOMMENDATIONS.map((value) => ({
        value,
        text: RECOMMENDATION_WORDS[value].text,
        hint: { text: RECOMMENDATION_WORDS[value].hint },
      })),
      sides: actions.extension.map((side) => ({
        value: side,
        text: SIDE_WORDS[side],
        hint: {
          text: `Due by ${govukDateTime(statements?.[side].dueAt)}${
            statements?.[side].overdue ? ' (overdue)' : ''
          }`,
        },
      })),
      departmentDueAt: statements ? govukDateTime(statements.DEPARTMENT.dueAt) : null,
      respondBy: appeal.complaint ? govukDate(appeal.complaint.respondBy) : null,
    });
  }

  @Post(FORM_PATHS)
  async submit(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Param('appealId', appealIds) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const form = formOf(req.path);
    // Each form is one role's: the adjudicators hear and state the department's case; the secretary runs the panel.
    const role = ['extension', 'recommendation', 'secretary'].includes(form)
      ? 'PANEL_SECRETARY'
      : 'SENIOR_ADJUDICATOR';
    if (!user.roles.includes(role)) throw new ForbiddenException();
    const backTo = `/appeals/${id}/${form}`;
    const key = field(body, 'idempotencyKey');
    const names = Object.keys(FORMS[form].fields);
    const values: Record<string, string> = Object.fromEntries(names.map((n) => [n, field(body, n)]));
    let payload: Record<string, string> = values;
    let success: string;
    switch (form) {
      case 'hearing':
        success =
          values.outcome === 'OVERTURNED'
            ? 'Hearing recorded: the decision is overturned'
            : 'Hearing recorded: the decision is upheld and the panel window is open';
        break;
      case 'complaint-response':
        success = 'Complaint answered: the complainant can read the response';
        break;
      case 'department-statement':
        success = 'The department’s statement of case is submitted';
        break;
      case 'recommendation':
        success = 'The panel’s recommendation is recorded: the system carries it out';
        break;
      case 'secretary':
        success =
          values.secretaryId === user.subject
            ? 'You are the panel secretary for this appeal: reminders of its overdue deadlines come to you'
            : 'Panel secretary named: reminders of the appeal’s overdue deadlines go to them';
        break;
      case 'extension': {
        // The date input is the web service's to read: its three fields become the end of that day in London.
        for (const part of ['day', 'month', 'year']) values[`dueAt-${part}`] = field(body, `dueAt-${part}`);
        const date = readDate(body, { id: 'dueAt', enter: 'the new due date', name: 'The new due date' });
        if (date.errors) {
          const errors: FieldError[] = [];
          if (!STATEMENT_SIDES.includes(values.side as StatementSide))
            errors.push({ text: FORMS.extension.fields.side.missing, href: '#side' });
          errors.push(...date.errors);
          if (values.reason === '')
            errors.push({ text: FORMS.extension.fields.reason.missing, href: '#reason' });
          // The list says it all: no description repeating its first line.
          req.session.flash = { kind: 'error', text: '', errors, values };
          return res.redirect(303, backTo);
        }
        payload = {
          side: values.side ?? '',
          dueAt: endOfDayInLondon(date.value),
          reason: values.reason ?? '',
        };
        success = `Extension granted: ${SIDE_WORDS[values.side as StatementSide]?.toLowerCase() ?? 'the side'}’s statement of case is now due by ${govukDateTime(payload.dueAt)}`;
        break;
      }
    }
    await this.act(req, res, {
      run: () => this.api.post(caller, `/appeals/${id}/${FORMS[form].api}`, payload, key),
      backTo,
      next: `/appeals/${id}`,
      success,
      fields: FORMS[form].fields,
      values,
      // A refusal naming no field is linked to the question it is about: the date for an extension (not later
      // than the current deadline), else the form's first question.
      defaultField: form === 'extension' ? 'dueAt-day' : Object.values(FORMS[form].fields)[0]?.id,
    });
  }

  private heading(a: AppealStaffView): object {
    return { ...a, ref: caseRef(a.caseId), title: appealTitle(a) };
  }

  /**
   * Runs an action and answers POST-redirect-GET: success → a banner on the appeal's page; a refusal (400, 409,
   * 422) → back to the form with the error summary, each field the API named linked and said in words; a hearing
   * refused for prior involvement → the appeal's page, saying so. Anything else is left to the error pages.
   */
  private async act(
    req: Request,
    res: Response,
    o: {
      run: () => Promise<unknown>;
      backTo: string;
      next?: string;
      success: string;
      fields: Record<string, FieldWords>;
      values: Record<string, string>;
      defaultField?: string;
    },
  ): Promise<void> {
    try {
      await o.run();
      req.session.flash = { kind: 'success', text: o.success };
      return res.redirect(303, o.next ?? o.backTo);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.body.error === 'FOUR_EYES_VIOLATION') {
        req.session.flash = {
          kind: 'error',
          title: 'You cannot do this',
          text: PRIOR_INVOLVEMENT,
          errors: [{ text: `${PRIOR_INVOLVEMENT}.`, href: '#main-content' }],
        };
        return res.redirect(303, o.next ?? o.backTo);
      }
      if (![400, 409, 422].includes(error.status)) throw error;
      // The appeal rules' own refusal of a well-formed request comes wrapped as "invalid request: …".
      const message = error.body.message.replace(/^invalid request: /, '');
      const flash = refusalFlash(new ApiError(error.status, { ...error.body, message }), {
        fieldIds: Object.fromEntries(Object.entries(o.fields).map(([name, w]) => [name, w.id])),
        values: o.values,
        defaultField: o.defaultField,
      });
      // The API's field names and validator wording become the design system's "Enter …" / "… or fewer".
      const named = error.fieldProblems.map((f) => {
        const words = o.fields[f.field.split(/[.[]/)[0] ?? f.field];
        if (!words) return null;
        const tooLong = f.problems.some((p) => /shorter|at most|characters or fewer/.test(p));
        return {
          text: tooLong ? `${words.name} must be ${TEXT_MAX} characters or fewer` : words.missing,
          href: `#${words.id}`,
        };
      });
      if (named.length > 0 && named.every((n) => n !== null)) {
        flash.errors = named.filter((n): n is { text: string; href: string } => n !== null);
        flash.text = '';
      }
      req.session.flash = flash;
      return res.redirect(303, o.backTo);
    }
  }
}

/** 23:59:59 on an ISO date in London (GMT or BST), as the API's dueAt: a deadline is the end of its day there. */
export function endOfDayInLondon(date: string): string {
  const utc = Date.parse(`${date}T23:59:59Z`);
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' })
    .formatToParts(new Date(utc))
    .find((p) => p.type === 'timeZoneName')?.value;
  const hours = Number(/GMT([+-]\d+)/.exec(offset ?? '')?.[1] ?? '0');
  return new Date(utc - hours * 3_600_000).toISOString();
}
