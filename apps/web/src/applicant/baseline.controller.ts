import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ukDateOf, validateBaselineDeclaration } from '../../../../libs/domain/src';
import type { BaselineDeclarationDraft } from '../../../../libs/domain/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { Caller, Roles } from '../auth/auth.decorators';
import { caseRef } from '../cases/case.types';
import { field, refusalFlash } from '../common/form-action';
import type { Flash } from '../session/session.types';
import type { ApplicantCase } from './applicant-status';
import { BASELINE_SECTIONS, baselineSections, baselineSpec } from './baseline-sections';
import {
  formValuesOf,
  groupId,
  postedValues,
  problemError,
  sectionFormView,
  sectionFromForm,
  withRowAdded,
  withRowRemoved,
} from './questionnaire-form';
import type { FormError, FormValues, ProblemAt } from './questionnaire-form';
import type { SectionSpec } from './questionnaire-sections';

const PAGE = '/application/baseline';
// Rows of the lists the page starts with: the form's own defaults (minItems), as the questionnaire's.
const NO_VALUES: FormValues = {};

/** The part of the declaration whose list `listId` is ('employment-periods' → employment), if any. */
function specOfList(listId: string): SectionSpec | undefined {
  return BASELINE_SECTIONS.find((spec) => spec.groups.some((g) => g.list && groupId(spec, g) === listId));
}

/** The whole declaration from the posted form, with what cannot be read as typed (a date that is not real). */
export function declarationFromForm(values: FormValues): {
  draft: BaselineDeclarationDraft;
  errors: FormError[];
} {
  const draft: Record<string, unknown> = {};
  const errors: FormError[] = [];
  for (const spec of BASELINE_SECTIONS) {
    const read = sectionFromForm(spec, values);
    errors.push(...read.errors);
    if (read.value !== undefined) draft[spec.key] = read.value;
  }
  return { draft: draft, errors };
}

/** A declaration as sent (the API's JSON) as the form's fields: the applicant's last answers, to correct. */
export function declarationValues(declaration: Record<string, unknown>): FormValues {
  return Object.assign(
    {},
    ...BASELINE_SECTIONS.map((spec) => formValuesOf(spec, declaration[spec.key])),
  ) as FormValues;
}

/** GET /cases/:id/baseline/declaration: the applicant's own last declaration (null before the first). */
interface LastDeclaration {
  declaration: Record<string, unknown> | null;
  submittedAt: string | null;
}

/** GET /cases/:id/baseline/draft: the answers the applicant saved to come back to (null when none). */
interface SavedDraft {
  content: Record<string, unknown> | null;
  /** Sent back as If-Match when saving, so a save from a stale page cannot overwrite newer answers. */
  version: number;
  updatedAt: string | null;
}

/** The form's hidden field with the draft version the page was shown with. */
const VERSION_FIELD = 'draftVersion';

/**
 * The draft version a posted form was shown with, as the If-Match header to save with; none (the save wins, as
 * before versions were sent) when the form carries no version, as a page shown before they were will not.
 */
export function ifMatchOf(posted: string | undefined): Record<string, string> {
  return posted !== undefined && /^\d{1,9}$/.test(posted) ? { 'If-Match': `"${posted}"` } : {};
}

/** What the summary says when the answers were saved elsewhere (another tab or device) since the page was shown. */
export const STALE_SAVE_ERROR: FormError = {
  text: 'Your answers were changed in another tab or window after you opened this page. Check the answers below, then save them again to replace those changes',
  href: '#baseline-actions',
};

/** A problem with the declaration as an error summary line linked to its field, in the case's own words. */
function baselineError(problem: ProblemAt, sections: readonly SectionSpec[]): FormError {
  return problemError(
    problem,
    () => '',
    (key) => baselineSpec(key, sections),
  );
}

/**
 * Where the form starts: the answers saved to come back to when there are some (newer than anything sent: the
 * API forgets them when a declaration is sent, and a draft older than the last one sent is passed over too),
 * else after a request for more the declaration last sent, else nothing.
 */
export function startingAnswers(
  draft: Pick<SavedDraft, 'content' | 'updatedAt'>,
  last: LastDeclaration | null,
): { values: FormValues; savedAt: string | null; prefilledFrom: string | null } {
  const draftIsNewer =
    draft.content !== null &&
    (!last?.submittedAt || (draft.updatedAt !== null && draft.updatedAt > last.submittedAt));
  if (draftIsNewer && draft.content) {
    return { values: declarationValues(draft.content), savedAt: draft.updatedAt, prefilledFrom: null };
  }
  if (last?.declaration) {
    return { values: declarationValues(last.declaration), savedAt: null, prefilledFrom: last.submittedAt };
  }
  return { values: NO_VALUES, savedAt: null, prefilledFrom: null };
}

/**
 * The applicant's baseline (BPSS) declaration: identity document, right to work, employment history, unspent
 * convictions and time abroad, on one page, sent whole to the API, asked in the figures of the case's own
 * baseline policy (the API's view of the application carries them). "Save and come back later" keeps the
 * answers so far as a draft through the API (sealed there, like the questionnaire's); between a refusal and
 * the page showing it again, what is typed lives only in the sealed session. Open while the applicant's newest
 * application waits for it, first or again after the officer asked for more.
 */
@Controller('application/baseline')
@Roles('APPLICANT')
export class BaselineController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async form(@Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    const application = await this.waitingApplication(caller);
    if (!application) return res.redirect(303, '/application');
    const flash = res.locals.flash as Flash | undefined;
    let values = flash?.values?.form === 'baseline' ? (flash.values as FormValues) : NO_VALUES;
    // Otherwise the applicant starts from what they saved to come back to, or, asked for more, from what they
    // last sent (changing only what was asked); a refused form or a row added or removed comes back as typed.
    let prefilledFrom: string | null = null;
    let savedAt: string | null = null;
    // The version the answers on the page are based on: the one read with them, or the one the form carried.
    let draftVersion: string | undefined = values[VERSION_FIELD];
    if (values === NO_VALUES) {
      const draft = await this.api.get<SavedDraft>(caller, `/cases/${application.id}/baseline/draft`);
      draftVersion = String(draft.version);
      const last =
        application.baselineStatus === 'NEEDS_INFORMATION'
          ? await this.api.get<LastDeclaration>(caller, `/cases/${application.id}/baseline/declaration`)
          : null;
      ({ values, savedAt, prefilledFrom } = startingAnswers(draft, last));
    }
    const fieldErrors = (res.locals.fieldErrors as Record<string, string> | undefined) ?? {};
    res.render('applicant/baseline', {
      ref: caseRef(application.id),
      missingItems: application.baselineStatus === 'NEEDS_INFORMATION' ? (application.itemsToFix ?? []) : [],
      prefilledFrom,
      savedAt,
      draftVersion,
      sections: baselineSections(application.baselinePolicy).map((spec) => ({
        key: spec.key,
        title: spec.title,
        form: sectionFormView(spec, values, fieldErrors),
      })),
      // A fresh key for each showing: a refused declaration is sent again as a new request.
      idempotencyKey: randomUUID(),
    });
  }

  /**
   * `action` says what to do: `submit` (send the declaration), `save` (keep the answers so far and leave the
   * page), `add:<list>` or `remove:<list>:<row>` (the same page again with a row more or less; nothing is sent).
   */
  @Post()
  async submit(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const application = await this.waitingApplication(caller);
    if (!application) return res.redirect(303, '/application');
    const posted = postedValues(body);
    const [action = 'submit', list = '', row = ''] = (posted.action ?? 'submit').split(':');
    // Only the declaration's own fields: never the CSRF token, the key or the button into the session.
    const prefixes = BASELINE_SECTIONS.map((spec) => `${spec.key}-`);
    let values: FormValues = Object.fromEntries(
      Object.entries(posted).filter(([name]) => prefixes.some((prefix) => name.startsWith(prefix))),
    );
    // The draft version travels with what was typed, so a page shown again still saves over that version only.
    let draftVersion = posted[VERSION_FIELD];
    const kept = (): Record<string, string> => ({
      ...values,
      ...(draftVersion !== undefined ? { [VERSION_FIELD]: draftVersion } : {}),
      form: 'baseline',
    });
    const back = (flash: Omit<Flash, 'values'>, anchor = ''): void => {
      req.session.flash = { ...flash, values: kept() };
      res.redirect(303, `${PAGE}${anchor}`);
    };

    const spec = specOfList(list);
    if ((action === 'add' || action === 'remove') && spec) {
      values =
        action === 'add' ? withRowAdded(spec, values, list) : withRowRemoved(spec, values, list, Number(row));
      // No message: the same form again, at the list that changed.
      req.session.flash = { kind: 'form', text: '', values: kept() };
      return res.redirect(303, `${PAGE}#${list}`);
    }

    const { draft, errors } = declarationFromForm(values);
    if (action === 'save') {
      // What cannot be read as typed (a date that is not real) cannot be kept: said, as the questionnaire does.
      if (errors.length > 0)
        return back({ kind: 'error', text: 'Some answers cannot be saved as they are', errors });
      try {
        await this.api.put(caller, `/cases/${application.id}/baseline/draft`, draft, ifMatchOf(draftVersion));
      } catch (error) {
        if (!(error instanceof ApiError) || ![400, 409].includes(error.status)) throw error;
        if (error.body.error === 'STALE_STAGE') {
          // Saved elsewhere since this page was shown: what was typed here comes back, nothing lost, and saving
          // it again replaces those answers knowingly (so it goes over the version there now).
          const now = await this.api.get<SavedDraft>(caller, `/cases/${application.id}/baseline/draft`);
          draftVersion = String(now.version);
          return back({
            kind: 'error',
            text: 'Your answers have not been saved.',
            errors: [STALE_SAVE_ERROR],
          });
        }
        if (error.status === 409) {
          req.session.flash = refusalFlash(error, {});
          return res.redirect(303, '/application');
        }
        const sections = baselineSections(application.baselinePolicy);
        const refused = error.fieldProblems.map((p) => ({ path: p.field, message: p.problems.join('; ') }));
        return back({
          kind: 'error',
          text: 'Some answers cannot be saved as they are',
          errors: refused.map((p) => baselineError(p, sections)),
        });
      }
      req.session.flash = {
        kind: 'success',
        text: 'Your answers for the baseline checks have been saved. You can come back and finish them at any time before you send them.',
      };
      return res.redirect(303, '/application');
    }
    if (errors.length > 0) return back({ kind: 'error', text: 'Some answers are not right', errors });
    try {
      await this.api.post(
        caller,
        `/cases/${application.id}/baseline/submission`,
        draft,
        field(body, 'idempotencyKey'),
      );
    } catch (error) {
      if (!(error instanceof ApiError) || ![400, 409, 422].includes(error.status)) throw error;
      if (error.status !== 400) {
        req.session.flash = refusalFlash(error, {});
        return res.redirect(303, '/application');
      }
      // The rules' own problems carry codes, so they read better than the refusal's bare messages. They are
      // judged here under the case's own figures (from the API's view of the application); still, the API is
      // the judge (its day may have turned, an older API sends no figures): local problems are used only when
      // the API found the same fields wrong, and what only the API found is shown as it said it.
      const sections = baselineSections(application.baselinePolicy);
      const refused = error.fieldProblems.map((p) => ({ path: p.field, message: p.problems.join('; ') }));
      const local = validateBaselineDeclaration(
        draft,
        ukDateOf(new Date().toISOString()),
        application.baselinePolicy,
      );
      const reported = new Set(refused.map((p) => p.path));
      const agreed = refused.length === 0 || local.every((p) => reported.has(p.path));
      const problems: ProblemAt[] =
        local.length > 0 && agreed
          ? [...local, ...refused.filter((r) => !local.some((p) => p.path === r.path))]
          : refused;
      return back({
        kind: 'error',
        text: 'Your answers cannot be sent yet. Correct these and send them again:',
        errors: problems.map((p) => baselineError(p, sections)),
      });
    }
    req.session.flash = {
      kind: 'success',
      text: 'Your answers for the baseline checks have been sent. We will tell you if we need anything else.',
    };
    res.redirect(303, '/application');
  }

  /** The applicant's newest application, when it waits for their baseline declaration. */
  private async waitingApplication(caller: ApiCaller): Promise<ApplicantCase | undefined> {
    const list = await this.api.get<{ items: ApplicantCase[] }>(caller, '/applications', {
      page: 1,
      pageSize: 1,
    });
    const newest = list.items[0];
    return newest?.baselineStatus === 'AWAITING' || newest?.baselineStatus === 'NEEDS_INFORMATION'
      ? newest
      : undefined;
  }
}
