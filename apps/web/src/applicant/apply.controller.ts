import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ukDateOf } from '../../../../libs/domain/src';
import type { ApplicantStatus, IsoDate } from '../../../../libs/domain/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { Caller, Roles } from '../auth/auth.decorators';
import { caseRef } from '../cases/case.types';
import { COUNTRIES, countryName } from '../common/countries';
import { refusalFlash } from '../common/form-action';
import type { Flash } from '../session/session.types';
import {
  addressGaps,
  addressWindow,
  APPLY_PATH,
  CHECK_PATH,
  firstUnanswered,
  NATIONALITY_WORDS,
  newDraft,
  nextPath,
  previousPath,
  readAddress,
  readDateOfBirth,
  readDiscretion,
  readEmail,
  readHasOtherNationality,
  readInvitation,
  readInvitationReference,
  readName,
  readNationality,
  readOtherNationalities,
  readSponsorReference,
  readStartDate,
  readTimeAbroad,
  residenceShortfall,
  sortedAddresses,
  SPONSOR_REFERENCE_CHARACTERS,
  stepPath,
  STEPS,
  submissionErrors,
  TIME_ABROAD_WORDS,
  toSubmission,
} from './application-draft';
import type { ApplicationDraft, Step } from './application-draft';
import type { Answer, FieldError } from '../common/date-input';
import { dateParts } from '../common/date-input';

type FormBody = Record<string, unknown>;

/** `GET /invitations/:id` (apps/api InvitationResponse), as far as this page needs it. */
interface Invitation {
  status: 'OPEN' | 'ACCEPTED' | 'LAPSED' | 'WITHDRAWN';
}

/** `POST /applications` (apps/api SubmittedApplicationView). */
interface Submitted {
  caseId: string;
  status: ApplicantStatus;
}

const INVITATION_UNUSABLE =
  'That invitation can no longer be used: it was withdrawn or has lapsed. Ask your sponsor for a new invitation';

/** Today in the UK: the day the API judges the application's dates on. */
function today(): IsoDate {
  return ukDateOf(new Date().toISOString());
}

/** Options for the country pickers: a blank first choice, then every country by name. */
function countryItems(selected: unknown, options: { withoutUk?: boolean } = {}): object[] {
  return [
    { value: '', text: 'Select a country', selected: !selected },
    ...COUNTRIES.filter((c) => !(options.withoutUk && c.code === 'GB')).map((c) => ({
      value: c.code,
      text: c.name,
      selected: c.code === selected,
    })),
  ];
}

/**
 * The applicant's application, one question a page (GOV.UK question pages), then "Check your answers" and
 * POST /applications. Answers wait in the server-side session (`applicationDraft`) until they are sent, so none
 * is ever in an address or a log. Each page is checked on the server with the rules screening applies
 * (libs/domain); what the API still refuses comes back as an error summary on "Check your answers", each
 * problem linked to its question. Someone whose application is being worked on is sent to its status page.
 *
 * Registered before ApplicantController, whose `/application/:id` would otherwise take `/application/apply`.
 */
@Controller('application/apply')
@Roles('APPLICANT')
export class ApplyController {
  constructor(private readonly api: ApiClient) {}

  /** The start page: what they will be asked, and the discreet nature of the process. */
  @Get()
  async start(@Req() req: Request, @Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    if (await this.alreadyApplied(caller, res)) return;
    res.render('applicant/apply/start', {
      resume: req.session.applicationDraft ? this.resumePath(req) : null,
    });
  }

  @Get('invitation')
  async invitation(@Req() req: Request, @Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    await this.page(req, res, caller, 'invitation', (d) => ({ hasInvitation: d.hasInvitation }));
  }

  @Post('invitation')
  async saveInvitation(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: FormBody,
  ): Promise<void> {
    await this.answer(req, res, caller, 'invitation', body, readInvitation, (value) => (draft) => {
      draft.hasInvitation = value;
    });
  }

  @Get('invitation-reference')
  async invitationReference(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
  ): Promise<void> {
    await this.page(req, res, caller, 'invitation-reference', (d) => ({ invitationId: d.invitationId }));
  }

  /** The reference is checked with the API at once: theirs and still open, or said so next to the field. */
  @Post('invitation-reference')
  async saveInvitationReference(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: FormBody,
  ): Promise<void> {
    await this.answer(
      req,
      res,
      caller,
      'invitation-reference',
      body,
      readInvitationReference,
      async (value) => {
        const problem = await this.invitationProblem(caller, value);
        if (problem) return [{ text: problem, href: '#invitationId' }];
        return (draft) => {
          draft.invitationId = value;
        };
      },
    );
  }

  @Get('sponsor-reference')
  async sponsorReference(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
  ): Promise<void> {
    await this.page(req, res, caller, 'sponsor-reference', (d) => ({ sponsorReference: d.sponsorReference }));
  }

  @Post('sponsor-reference')
  async saveSponsorReference(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: FormBody,
  ): Promise<void> {
    await this.answer(
      req,
      res,
      caller,
      'sponsor-reference',
      body,
      readSponsorReference,
      (value) => (draft) => {
        draft.sponsorReference = value;
      },
    );
  }

  @Get('name')
  async name(@Req() req: Request, @Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    await this.page(req, res, caller, 'name', (d) => ({ givenName: d.givenName, familyName: d.familyName }));
  }

  @Post('name')
  async saveName(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: FormBody,
  ): Promise<void> {
    await this.answer(req, res, caller, 'name', body, readName, (value) => (draft) => {
      draft.givenName = value.givenName;
      draft.familyName = value.familyName;
    });
  }

  @Get('email')
  async email(@Req() req: Request, @Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    await this.page(req, res, caller, 'email', (d) => ({ email: d.email }));
  }

  @Post('email')
  async saveEmail(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: FormBody,
  ): Promise<void> {
    await this.answer(req, res, caller, 'email', body, readEmail, (value) => (draft) => {
      draft.email = value;
    });
  }

  @Get('date-of-birth')
  async dateOfBirth(@Req() req: Request, @Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    await this.page(req, res, caller, 'date-of-birth', (d) => dateParts('dateOfBirth', d.dateOfBirth));
  }

  @Post('date-of-birth')
  async saveDateOfBirth(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: FormBody,
  ): Promise<void> {
    const read = (b: FormBody, draft: ApplicationDraft): Answer<IsoDate> =>
      readDateOfBirth(b, draft, today());
    await this.answer(req, res, caller, 'date-of-birth', body, read, (value) => (draft) => {
      draft.dateOfBirth = value;
    });
  }

  @Get('start-date')
  async startDate(@Req() req: Request, @Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    await this.page(req, res, caller, 'start-date', (d) =>
      dateParts('intendedStartDate', d.intendedStartDate),
    );
  }

  @Post('start-date')
  async saveStartDate(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: FormBody,
  ): Promise<void> {
    const read = (b: FormBody, draft: ApplicationDraft): Answer<IsoDate> => readStartDate(b, draft, today());
    await this.answer(req, res, caller, 'start-date', body, read, (value) => (draft) => {
      draft.intendedStartDate = value;
    });
  }

  @Get('nationality')
  async nationality(@Req() req: Request, @Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    await this.page(req, res, caller, 'nationality', (d) => ({ nationality: d.nationality }));
  }

  @Post('nationality')
  async saveNationality(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: FormBody,
  ): Promise<void> {
    await this.answer(req, res, caller, 'nationality', body, readNationality, (value) => (draft) => {
      draft.nationality = value;
    });
  }

  @Get('other-nationalities')
  async otherNationalities(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
  ): Promise<void> {
    await this.page(req, res, caller, 'other-nationalities', (d) => ({ hasOther: d.hasOtherNationality }));
  }

  @Post('other-nationalities')
  async saveOtherNationalities(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: FormBody,
  ): Promise<void> {
    await this.answer(
      req,
      res,
      caller,
      'other-nationalities',
      body,
      readHasOtherNationality,
      (value) => (draft) => {
        draft.hasOtherNationality = value;
      },
    );
  }

  @Get('which-nationalities')
  async whichNationalities(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
  ): Promise<void> {
    await this.page(
      req,
      res,
      caller,
      'which-nationalities',
      (d) => ({ otherNationality1: d.otherNationalities?.[0], otherNationality2: d.otherNationalities?.[1] }),
      (_, v) => ({
        countries: countryItems(v.otherNationality1, { withoutUk: true }),
        countries2: countryItems(v.otherNationality2, { withoutUk: true }),
      }),
    );
  }

  @Post('which-nationalities')
  async saveWhichNationalities(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: FormBody,
  ): Promise<void> {
    await this.answer(
      req,
      res,
      caller,
      'which-nationalities',
      body,
      readOtherNationalities,
      (value) => (draft) => {
        draft.otherNationalities = value;
      },
    );
  }

  /** The address history so far (earliest first), what is still missing, and "Add another address". */
  @Get('addresses')
  async addresses(@Req() req: Request, @Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    const draft = await this.draftFor(req, res, caller);
    if (!draft) return;
    if (draft.addresses.length === 0) return res.redirect(303, `${APPLY_PATH}/addresses/add`);
    const on = today();
    res.render('applicant/apply/addresses', {
      backLink: previousPath(draft, 'addresses', on),
      since: addressWindow(on).from,
      addresses: sortedAddresses(draft.addresses).map((a) => ({
        ...a,
        countryName: countryName(a.country),
        index: draft.addresses.indexOf(a),
      })),
      stillMissing: addressGaps(draft.addresses, on),
    });
  }

  /** "Continue": only with no gap in the last 10 years (each gap is an error in the summary). */
  @Post('addresses')
  async addressesDone(@Req() req: Request, @Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    const draft = await this.draftFor(req, res, caller);
    if (!draft) return;
    const gaps = addressGaps(draft.addresses, today());
    if (gaps.length > 0) return this.refuse(req, res, 'addresses', gaps, {});
    draft.addressesDone = true;
    res.redirect(303, nextPath(draft, 'addresses', today()));
  }

  @Get('addresses/add')
  async addAddressPage(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
  ): Promise<void> {
    const draft = await this.draftFor(req, res, caller);
    if (!draft) return;
    const values = this.valuesOnPage(res) ?? {};
    const first = draft.addresses.length === 0;
    res.render('applicant/apply/address', {
      backLink: first ? previousPath(draft, 'addresses', today()) : stepPath('addresses'),
      first,
      since: addressWindow(today()).from,
      v: values,
      e: this.fieldErrorsOnPage(res),
      countries: countryItems(values.country),
    });
  }

  @Post('addresses/add')
  async addAddress(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: FormBody,
  ): Promise<void> {
    const draft = await this.draftFor(req, res, caller);
    if (!draft) return;
    const read = readAddress(body, today());
    if (read.errors) {
      req.session.flash = this.errorFlash(read.errors, this.echo(body));
      return res.redirect(303, `${APPLY_PATH}/addresses/add`);
    }
    draft.addresses.push(read.value);
    draft.addressesDone = false;
    res.redirect(303, stepPath('addresses'));
  }

  @Post('addresses/remove')
  async removeAddress(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: FormBody,
  ): Promise<void> {
    const draft = await this.draftFor(req, res, caller);
    if (!draft) return;
    const index = Number(body.index);
    if (Number.isInteger(index) && index >= 0 && index < draft.addresses.length) {
      draft.addresses.splice(index, 1);
      draft.addressesDone = false;
      req.session.flash = { kind: 'success', text: 'Address removed' };
    }
    res.redirect(303, stepPath('addresses'));
  }

  @Get('time-abroad')
  async timeAbroad(@Req() req: Request, @Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    await this.page(
      req,
      res,
      caller,
      'time-abroad',
      (d) => ({ timeAbroadReason: d.timeAbroadReason }),
      () => ({ choices: TIME_ABROAD_WORDS }),
    );
  }

  @Post('time-abroad')
  async saveTimeAbroad(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: FormBody,
  ): Promise<void> {
    await this.answer(req, res, caller, 'time-abroad', body, readTimeAbroad, (value) => (draft) => {
      draft.timeAbroadReason = value;
    });
  }

  @Get('discretion')
  async discretion(@Req() req: Request, @Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    await this.page(req, res, caller, 'discretion', (d) => ({
      discretionAcknowledged: d.discretionAcknowledged ? 'yes' : undefined,
    }));
  }

  @Post('discretion')
  async saveDiscretion(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: FormBody,
  ): Promise<void> {
    await this.answer(req, res, caller, 'discretion', body, readDiscretion, (value) => (draft) => {
      draft.discretionAcknowledged = value;
    });
  }

  /** Every answer with a "Change" link; reached with a page unanswered, that page instead. */
  @Get('check')
  async check(@Req() req: Request, @Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    const draft = await this.draftFor(req, res, caller);
    if (!draft) return;
    const on = today();
    const missing = firstUnanswered(draft, on);
    if (missing) return res.redirect(303, stepPath(missing));
    draft.checking = true;
    res.render('applicant/apply/check', {
      draft,
      nationalityText: NATIONALITY_WORDS[draft.nationality ?? 'NOT_BRITISH'],
      otherNationalities:
        draft.hasOtherNationality === 'yes' ? (draft.otherNationalities ?? []).map(countryName) : [],
      addresses: sortedAddresses(draft.addresses).map((a) => ({ ...a, countryName: countryName(a.country) })),
      timeAbroad:
        residenceShortfall(draft.addresses, on) && draft.timeAbroadReason
          ? TIME_ABROAD_WORDS[draft.timeAbroadReason]
          : null,
    });
  }

  /** Sends the application. The draft's Idempotency-Key makes a repeated "Send" the same application. */
  @Post('check')
  async send(@Req() req: Request, @Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    const draft = await this.draftFor(req, res, caller);
    if (!draft) return;
    const submission = toSubmission(draft, today());
    if (!submission) return res.redirect(303, CHECK_PATH);
    try {
      const sent = await this.api.post<Submitted>(caller, '/applications', submission, draft.idempotencyKey);
      delete req.session.applicationDraft;
      req.session.flash = {
        kind: 'success',
        text: 'Application sent',
        values: { caseId: sent.caseId, status: sent.status },
      };
      res.redirect(303, `${APPLY_PATH}/sent`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 400 && error.fieldProblems.some((f) => f.field.startsWith('sponsorReference'))) {
        // Missing (the API holds applications without an invitation for the sponsor they name) or refused:
        // either way the question that asks for it, with what they gave, is where it is put right.
        const errors = [
          {
            text: draft.sponsorReference ? SPONSOR_REFERENCE_CHARACTERS : "Enter your sponsor's reference",
            href: '#sponsorReference',
          },
        ];
        return this.refuse(req, res, 'sponsor-reference', errors, {
          sponsorReference: draft.sponsorReference ?? '',
        });
      }
      if (error.status === 400 && error.fieldProblems.length > 0) {
        req.session.flash = this.errorFlash(submissionErrors(error.fieldProblems), {});
      } else if (error.status === 404) {
        // The only thing the application names that can be missing is the invitation.
        req.session.flash = this.errorFlash(
          [
            {
              text: 'We cannot find that invitation for you. Check the reference your sponsor gave you',
              href: stepPath('invitation'),
            },
          ],
          {},
        );
      } else if (error.status === 409 && draft.invitationId && /invitation/i.test(error.body.message)) {
        // Withdrawn by the sponsor or lapsed since it was checked: a new reference (or none) is the way on.
        req.session.flash = this.errorFlash(
          [{ text: INVITATION_UNUSABLE, href: stepPath('invitation-reference') }],
          {},
        );
      } else if ([400, 409, 422].includes(error.status)) {
        req.session.flash = refusalFlash(error, {});
      } else throw error;
      res.redirect(303, CHECK_PATH);
    }
  }

  /** The confirmation, once, with the reference; reached again later, it goes to the status page. */
  @Get('sent')
  sent(@Res() res: Response): void {
    const flash = res.locals.flash as Flash | undefined;
    const caseId = flash?.kind === 'success' ? flash.values?.caseId : undefined;
    if (typeof caseId !== 'string') return res.redirect(303, '/application');
    res.locals.flash = undefined;
    res.render('applicant/apply/sent', {
      ref: caseRef(caseId),
      waitingForSponsor: flash?.values?.status === 'WAITING_FOR_SPONSOR',
    });
  }

  // ---------------------------------------------------------------------------------------------------------

  /** A question page: the answer so far (or what was typed, after an error) and its back link. */
  private async page(
    req: Request,
    res: Response,
    caller: ApiCaller,
    step: Step,
    answered: (draft: ApplicationDraft) => Record<string, unknown>,
    extra: (draft: ApplicationDraft, v: Record<string, unknown>) => Record<string, unknown> = () => ({}),
  ): Promise<void> {
    const draft = await this.draftFor(req, res, caller);
    if (!draft) return;
    const v = this.valuesOnPage(res) ?? answered(draft);
    res.render(`applicant/apply/${step}`, {
      backLink: previousPath(draft, step, today()),
      v,
      e: this.fieldErrorsOnPage(res),
      ...extra(draft, v),
    });
  }

  /**
   * A question page's answer: read and checked (`read`), then either saved (`save` gives the change to make)
   * and on to the next page, or refused back to the page with the errors and what was typed.
   */
  private async answer<T>(
    req: Request,
    res: Response,
    caller: ApiCaller,
    step: Step,
    body: FormBody,
    read: (body: FormBody, draft: ApplicationDraft) => Answer<T>,
    save: (
      value: T,
    ) =>
      | ((draft: ApplicationDraft) => void)
      | FieldError[]
      | Promise<((draft: ApplicationDraft) => void) | FieldError[]>,
  ): Promise<void> {
    const draft = await this.draftFor(req, res, caller);
    if (!draft) return;
    const answered = read(body, draft);
    const change = answered.errors ?? (await save(answered.value));
    if (Array.isArray(change)) return this.refuse(req, res, step, change, this.echo(body));
    change(draft);
    res.redirect(303, nextPath(draft, step, today()));
  }

  private refuse(
    req: Request,
    res: Response,
    step: Step,
    errors: FieldError[],
    values: Flash['values'],
  ): void {
    req.session.flash = this.errorFlash(errors, values);
    res.redirect(303, stepPath(step));
  }

  private errorFlash(errors: FieldError[], values: Flash['values']): Flash {
    // The summary lists the errors; a description repeating the first would say it twice.
    return { kind: 'error', text: '', errors, values };
  }

  /** What was typed, to put back in the form (text fields only: no tokens). */
  private echo(body: FormBody): Record<string, string> {
    return Object.fromEntries(
      Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'),
    );
  }

  /** The refused form's errors by `#field-id`, for each field's own message. */
  private fieldErrorsOnPage(res: Response): Record<string, string> {
    return (res.locals.fieldErrors as Record<string, string> | undefined) ?? {};
  }

  /** The values a refused form left in the flash, if this page is shown after one. */
  private valuesOnPage(res: Response): Record<string, unknown> | undefined {
    const flash = res.locals.flash as Flash | undefined;
    return flash?.kind === 'error' ? flash.values : undefined;
  }

  /**
   * The draft in progress (a new one if none), or null when the person has an application being worked on:
   * then they are sent to its status page, as the API would answer a second one with the first.
   */
  private async draftFor(req: Request, res: Response, caller: ApiCaller): Promise<ApplicationDraft | null> {
    if (await this.alreadyApplied(caller, res)) return null;
    req.session.applicationDraft ??= newDraft(randomUUID());
    return req.session.applicationDraft;
  }

  private async alreadyApplied(caller: ApiCaller, res: Response): Promise<boolean> {
    const open = await this.api.get<{ total: number }>(caller, '/applications', {
      status: 'OPEN',
      page: 1,
      pageSize: 1,
    });
    if (open.total === 0) return false;
    res.redirect(303, '/application');
    return true;
  }

  private resumePath(req: Request): string {
    const draft = req.session.applicationDraft;
    const missing = draft ? firstUnanswered(draft, today()) : STEPS[0];
    return missing ? stepPath(missing) : CHECK_PATH;
  }

  /** Why an invitation reference cannot be used, in words; null when it is theirs and open. */
  private async invitationProblem(caller: ApiCaller, invitationId: string): Promise<string | null> {
    try {
      const invitation = await this.api.get<Invitation>(caller, `/invitations/${invitationId}`);
      return invitation.status === 'OPEN' ? null : INVITATION_UNUSABLE;
    } catch (error) {
      if (error instanceof ApiError && [400, 404].includes(error.status)) {
        return 'We cannot find that invitation for you. Check the reference your sponsor gave you';
      }
      throw error;
    }
  }
}
