import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { QuestionnaireDraft, QuestionnaireSection } from '../../../../libs/domain/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { Caller, Roles } from '../auth/auth.decorators';
import { caseRef } from '../cases/case.types';
import { field, refusalFlash } from '../common/form-action';
import type { Flash } from '../session/session.types';
import type { ApplicantCase } from './applicant-status';
import {
  answerRows,
  postedValues,
  problemError,
  problemsOf,
  sectionFormView,
  sectionFromForm,
  formValuesOf,
  sectionStatuses,
  withRowAdded,
  withRowRemoved,
} from './questionnaire-form';
import type { FormError, FormValues, ProblemAt, SectionStatus } from './questionnaire-form';
import { QUESTIONNAIRE_SECTIONS, sectionSpec } from './questionnaire-sections';
import type { SectionSpec } from './questionnaire-sections';

/** GET /cases/:id/questionnaire/draft (apps/api QuestionnaireDraftView). */
interface DraftView {
  version: number;
  content: QuestionnaireDraft;
  problems: ProblemAt[];
  submittable: boolean;
}

const BASE = '/application/questionnaire';
const sectionPage = (section: QuestionnaireSection): string => `${BASE}/${section}`;

const STATUS_WORDS: Record<SectionStatus, { text: string; classes?: string }> = {
  NOT_STARTED: { text: 'Not started', classes: 'govuk-tag--blue' },
  IN_PROGRESS: { text: 'In progress', classes: 'govuk-tag--light-blue' },
  NEEDS_CHANGING: { text: 'Needs changing', classes: 'govuk-tag--red' },
  COMPLETED: { text: 'Completed' },
};

/** A section of the address, or the 404 page. */
function specOf(section: string): SectionSpec {
  const spec = sectionSpec(section);
  if (!spec) throw new NotFoundException();
  return spec;
}

/**
 * The applicant's DV security questionnaire: a task list of its ten sections, one page a section (declared once
 * in questionnaire-sections.ts and drawn by questionnaire-form.ts), check your answers, and sending it. Every
 * answer is saved as the draft through the API, which holds the rules; nothing here is kept but the session's
 * one-time messages, and no answer ever goes in an address or a log. It is the questionnaire of the applicant's
 * newest application, while that one waits for it ("action needed"); otherwise the pages go back to
 * /application.
 */
@Controller('application/questionnaire')
@Roles('APPLICANT')
export class QuestionnaireController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async taskList(@Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    const application = await this.waitingApplication(caller);
    if (!application) return res.redirect(303, '/application');
    const draft = await this.draft(caller, application.id);
    const returnedItems = application.itemsToFix ?? [];
    const returned =
      returnedItems.length > 0
        ? { itemsToFix: returnedItems, content: await this.lastSubmitted(caller, application.id) }
        : undefined;
    const statuses = sectionStatuses(draft.content, draft.problems, returned);
    res.render('applicant/questionnaire/task-list', {
      ref: caseRef(application.id),
      returnedItems,
      completed: Object.values(statuses).filter((s) => s === 'COMPLETED').length,
      total: QUESTIONNAIRE_SECTIONS.length,
      tasks: QUESTIONNAIRE_SECTIONS.map((spec) => {
        const words = STATUS_WORDS[statuses[spec.key]];
        return {
          title: { text: spec.title },
          href: sectionPage(spec.key),
          status: words.classes ? { tag: words } : { text: words.text },
        };
      }),
    });
  }

  @Get('check-your-answers')
  async checkAnswers(@Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    const application = await this.waitingApplication(caller);
    if (!application) return res.redirect(303, '/application');
    const draft = await this.draft(caller, application.id);
    const content = draft.content as Record<string, unknown>;
    res.render('applicant/questionnaire/check-answers', {
      ref: caseRef(application.id),
      sections: QUESTIONNAIRE_SECTIONS.map((spec) => ({
        key: spec.key,
        title: spec.title,
        href: sectionPage(spec.key),
        rows: answerRows(spec, content[spec.key]),
      })),
      idempotencyKey: randomUUID(),
    });
  }

  /** Sends the saved questionnaire; what still stops it is listed, each linked to its section's field. */
  @Post('submission')
  async submit(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const application = await this.waitingApplication(caller);
    if (!application) return res.redirect(303, '/application');
    const backTo = `${BASE}/check-your-answers`;
    try {
      await this.api.post(
        caller,
        `/cases/${application.id}/questionnaire/submission`,
        {},
        field(body, 'idempotencyKey'),
      );
    } catch (error) {
      if (!(error instanceof ApiError) || ![400, 409, 422].includes(error.status)) throw error;
      req.session.flash = await this.submissionRefusal(caller, application.id, error);
      return res.redirect(303, backTo);
    }
    req.session.flash = {
      kind: 'success',
      text: 'Your security questionnaire has been sent. We will tell you if we need anything else.',
    };
    res.redirect(303, '/application');
  }

  @Get(':section')
  async section(
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('section') section: string,
  ): Promise<void> {
    const spec = specOf(section);
    const application = await this.waitingApplication(caller);
    if (!application) return res.redirect(303, '/application');
    // A refused form comes back as it was typed; otherwise the form shows what is saved.
    const flash = res.locals.flash as Flash | undefined;
    const typed = flash?.values?.section === spec.key ? (flash.values as FormValues) : undefined;
    const values =
      typed ??
      formValuesOf(
        spec,
        ((await this.draft(caller, application.id)).content as Record<string, unknown>)[spec.key],
      );
    res.render('applicant/questionnaire/section', {
      ref: caseRef(application.id),
      section: { key: spec.key, title: spec.title },
      form: sectionFormView(
        spec,
        values,
        (res.locals.fieldErrors as Record<string, string> | undefined) ?? {},
      ),
    });
  }

  /**
   * Saves the section (the whole draft is replaced with this section's answers in it). `action` says what
   * next: `save` (and continue: its problems on the page, or the task list), `return` (to the task list
   * whatever is missing), `add:<list>` or `remove:<list>:<row>` (saved, and back to the section).
   */
  @Post(':section')
  async save(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('section') section: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const spec = specOf(section);
    const application = await this.waitingApplication(caller);
    if (!application) return res.redirect(303, '/application');
    const here = sectionPage(spec.key);
    const posted = postedValues(body);
    const [action = 'save', list = '', row = ''] = (posted.action ?? 'save').split(':');
    // Only the section's own fields: never the CSRF token or the button into the session.
    let values: FormValues = Object.fromEntries(
      Object.entries(posted).filter(([name]) => name.startsWith(`${spec.key}-`)),
    );
    if (action === 'add') values = withRowAdded(spec, values, list);
    if (action === 'remove') values = withRowRemoved(spec, values, list, Number(row));
    const editing = action === 'add' || action === 'remove';

    const typedBack = (errors: FormError[], text: string): void => {
      req.session.flash = { kind: 'error', text, errors, values: { ...values, section: spec.key } };
      res.redirect(303, here);
    };
    // While adding and removing rows, a blank row stays: it is the one just added.
    const { value, errors } = sectionFromForm(spec, values, { keepBlankRows: editing });
    if (errors.length > 0) return typedBack(errors, 'Some answers cannot be saved as they are');

    const draft = await this.draft(caller, application.id);
    const content: Record<string, unknown> = { ...draft.content };
    if (value === undefined) delete content[spec.key];
    else content[spec.key] = value;
    try {
      await this.api.put(caller, `/cases/${application.id}/questionnaire/draft`, content);
    } catch (error) {
      if (!(error instanceof ApiError) || ![400, 409, 422].includes(error.status)) throw error;
      if (error.status !== 400) {
        req.session.flash = refusalFlash(error, {});
        return res.redirect(303, '/application');
      }
      const fieldErrors = error.fieldProblems.map((p) =>
        problemError({ path: p.field, message: p.problems.join('; ') }, () => ''),
      );
      return typedBack(fieldErrors, 'Some answers cannot be saved as they are');
    }

    if (editing) {
      const anchor = action === 'add' ? `${list}-${Math.max(0, rowsOf(values, list) - 1)}` : list;
      return res.redirect(303, `${here}#${anchor}`);
    }
    if (action === 'save') {
      const problems = problemsOf((await this.draft(caller, application.id)).problems, spec.key);
      if (problems.length > 0) {
        req.session.flash = {
          kind: 'error',
          text: 'Your answers are saved. Correct these before you send your questionnaire:',
          errors: problems.map((p) => problemError(p, () => '')),
        };
        return res.redirect(303, here);
      }
    }
    req.session.flash = { kind: 'success', text: `Your answers to “${spec.title}” are saved` };
    res.redirect(303, BASE);
  }

  /** The applicant's newest application, when it is waiting for their questionnaire. */
  private async waitingApplication(caller: ApiCaller): Promise<ApplicantCase | undefined> {
    const list = await this.api.get<{ items: ApplicantCase[] }>(caller, '/applications', {
      page: 1,
      pageSize: 1,
    });
    const newest = list.items[0];
    // In the baseline checks the action needed is the baseline declaration, not the questionnaire.
    return newest?.status === 'ACTION_NEEDED' && !newest.baselineStatus ? newest : undefined;
  }

  private draft(caller: ApiCaller, caseId: string): Promise<DraftView> {
    return this.api.get<DraftView>(caller, `/cases/${caseId}/questionnaire/draft`);
  }

  /** The content of the last version sent, which an officer returned; null when there is none to read. */
  private async lastSubmitted(caller: ApiCaller, caseId: string): Promise<QuestionnaireDraft | null> {
    const versions = await this.api.get<{ items: { version: number }[] }>(
      caller,
      `/cases/${caseId}/questionnaire/versions`,
    );
    const last = versions.items.at(-1);
    if (!last) return null;
    return (
      await this.api.get<{ content: QuestionnaireDraft }>(
        caller,
        `/cases/${caseId}/questionnaire/versions/${last.version}`,
      )
    ).content;
  }

  /** A refused submission: the draft's problems in words, each linked to its section's page. */
  private async submissionRefusal(caller: ApiCaller, caseId: string, error: ApiError): Promise<Flash> {
    if (error.status !== 400) return refusalFlash(error, {});
    // The draft's problems carry their codes, so they read better than the refusal's bare messages.
    const { problems } = await this.draft(caller, caseId);
    const listed: ProblemAt[] =
      problems.length > 0
        ? problems
        : error.fieldProblems.map((p) => ({ path: p.field, message: p.problems.join('; ') }));
    return {
      kind: 'error',
      text: 'Your questionnaire cannot be sent yet. Correct these answers and send it again:',
      errors: listed.map((p) => problemError(p, sectionPage)),
    };
  }
}

/** The rows a list's form holds now (after an add, the new row is the last). */
function rowsOf(values: FormValues, list: string): number {
  const rows = Number(values[`${list}-rows`]);
  return Number.isInteger(rows) ? rows : 0;
}
