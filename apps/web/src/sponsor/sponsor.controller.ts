import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  NotFoundException,
  Post,
  Query,
  Render,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { Caller, CurrentUser, Roles } from '../auth/auth.decorators';
import { CaseIdPipe } from '../cases/case-reader.service';
import { caseRef } from '../cases/case.types';
import type { SignedInUser } from '../session/session.types';
import { field, formAction } from '../common/form-action';
import { pagination } from '../common/pagination';
import { clearanceInWords, invitationInWords, sponsorOutcome, sponsorStage } from './sponsor-words';

/** One case as a sponsor sees it (apps/api SponsorCaseView): stage, dates and outcome, never findings. */
export interface SponsorCase {
  id: string;
  stage: string;
  status: 'OPEN' | 'CLOSED';
  outcome: string | null;
  openedAt: string;
  stageEnteredAt: string;
  closedAt: string | null;
}

interface SponsoredCaseList {
  items: SponsorCase[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

/** An invitation (apps/api InvitationResponse). */
interface Invitation {
  invitationId: string;
  applicantId: string;
  status: string;
  caseId: string | null;
  createdAt: string;
  closedAt: string | null;
}

/** `GET /invitations`: a page of the sponsor's own invitations. */
interface InvitationList {
  items: Invitation[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

/** An application held for this sponsor's confirmation (apps/api SponsorshipRequestView). */
interface SponsorshipRequest {
  caseId: string;
  receivedAt: string;
  respondBy: string | null;
  applicant: { givenName: string; familyName: string; email: string; intendedStartDate: string };
}

/** `GET /sponsorship-requests`: a page of the requests naming the sponsor, oldest first. */
interface SponsorshipRequestList {
  items: SponsorshipRequest[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

const caseIds = new CaseIdPipe();

/** The invitation list's tabs: every status, or one, in the sponsor's words. */
const INVITATION_TABS = [
  { status: undefined, text: 'All' },
  { status: 'OPEN', text: 'Sent' },
  { status: 'ACCEPTED', text: 'Accepted' },
  { status: 'LAPSED', text: 'Expired' },
  { status: 'WITHDRAWN', text: 'Withdrawn' },
] as const;

/** An invitation id in a URL: anything else is a page that does not exist. */
const invitationIds = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException() });

const PAGE_SIZE = 10;
const STATUSES = ['OPEN', 'CLOSED'] as const;
type StatusFilter = (typeof STATUSES)[number];
/** What is wrong with a user id typed into a form, in words; null when it will do (the API checks the rest). */
function userIdProblem(value: string, what: string): string | null {
  return value === '' ? `Enter the ${what}’s user ID` : null;
}

/** The API's 400 for a user id, in words a sponsor can act on (its own message names DTO fields). */
const ID_NOT_RIGHT = (what: string): string =>
  `Enter the ${what}’s user ID as it is in their account with this service, up to 200 characters`;

/**
 * The sponsor's pages: the applicants they sponsor (their cases' stage, dates and outcome), inviting an
 * applicant, and looking up the clearance of someone they sponsor. All through the API as the sponsor, which
 * decides what a sponsor may see; a clearance lookup's personal id travels in a POST body, never a URL here.
 */
@Controller('sponsor')
@Roles('SPONSOR')
export class SponsorController {
  constructor(private readonly api: ApiClient) {}

  @Get('cases')
  @Render('sponsor/cases')
  async cases(@Caller() caller: ApiCaller, @Query() query: Record<string, unknown>): Promise<object> {
    const status = STATUSES.find((s) => s === query.status);
    const page = pageOf(query);
    const list = await this.api.get<SponsoredCaseList>(caller, '/sponsored-cases', {
      page,
      pageSize: PAGE_SIZE,
      status,
    });
    return {
      cases: list.items.map((c) => ({
        ...c,
        ref: caseRef(c.id),
        stageText: sponsorStage(c.stage),
        outcomeText: sponsorOutcome(c.outcome),
      })),
      total: list.total,
      status: status ?? '',
      tabs: tabs(status),
      pagination: pagination('/sponsor/cases', { status, page }, list),
    };
  }

  /**
   * Applications that named no invitation but named this sponsor (by the sponsor reference shown here), waiting
   * for them to confirm the post needs DV; each can be confirmed (one button, a form) or declined with a reason.
   */
  @Get('requests')
  @Render('sponsor/requests')
  async requests(
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Query() query: Record<string, unknown>,
  ): Promise<object> {
    const page = pageOf(query);
    const list = await this.api.get<SponsorshipRequestList>(caller, '/sponsorship-requests', {
      page,
      pageSize: PAGE_SIZE,
    });
    return {
      sponsorReference: user.subject,
      requests: list.items.map((r) => ({ ...r, ref: caseRef(r.caseId) })),
      total: list.total,
      pagination: pagination('/sponsor/requests', { page }, list),
    };
  }

  /** Confirms the sponsorship: the case becomes one of the sponsor's applicants and vetting starts. */
  @Post('requests/:caseId/confirm')
  confirmRequest(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('caseId', caseIds) caseId: string,
  ): Promise<void> {
    return formAction(req, res, {
      run: () => this.api.post(caller, `/cases/${caseId}/sponsorship-confirmation`, {}),
      backTo: '/sponsor/requests',
      success: `Sponsorship confirmed: application ${caseRef(caseId)} is now with the vetting team and in your applicants`,
      defaultField: 'requests',
    });
  }

  /** Asks why before declining (only a request still waiting is shown; the API refuses the rest). */
  @Get('requests/:caseId/decline')
  @Render('sponsor/decline-request')
  declineForm(@Param('caseId', caseIds) caseId: string): object {
    return { caseId, ref: caseRef(caseId) };
  }

  @Post('requests/:caseId/decline')
  declineRequest(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('caseId', caseIds) caseId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const reason = field(body, 'reason');
    if (reason === '') {
      const text = 'Enter why you are declining this request';
      return Promise.resolve(
        this.refuse(req, res, `/sponsor/requests/${caseId}/decline`, text, 'reason', {}),
      );
    }
    return formAction(req, res, {
      run: () => this.api.post(caller, `/cases/${caseId}/sponsorship-decline`, { reason }),
      backTo: `/sponsor/requests/${caseId}/decline`,
      next: '/sponsor/requests',
      success: `Request declined: application ${caseRef(caseId)} is closed`,
      values: { reason },
      defaultField: 'reason',
    });
  }

  @Get('invite')
  @Render('sponsor/invite')
  invite(): object {
    return {};
  }

  /** Invites an applicant by their user id; the confirmation gives the reference they apply with. */
  @Post('invite')
  async sendInvite(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const applicantId = field(body, 'applicantId');
    const problem = userIdProblem(applicantId, 'applicant');
    if (problem) return this.refuse(req, res, '/sponsor/invite', problem, 'applicantId', { applicantId });
    try {
      const invitation = await this.api.post<Invitation>(caller, '/invitations', { applicantId });
      req.session.flash = {
        kind: 'success',
        text: 'Invitation sent',
        values: { invitationId: invitation.invitationId },
      };
      res.redirect(303, '/sponsor/invite/sent');
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      // The only field is the user id: say what to do about it, next to it.
      return this.refuse(req, res, '/sponsor/invite', ID_NOT_RIGHT('applicant'), 'applicantId', {
        applicantId,
      });
    }
  }

  /** The confirmation, once: what to give the applicant. Reached again later, it goes back to the form. */
  @Get('invite/sent')
  invited(@Res() res: Response): void {
    const flash = res.locals.flash as { values?: { invitationId?: unknown } } | undefined;
    const invitationId = flash?.values?.invitationId;
    if (typeof invitationId !== 'string') return res.redirect(303, '/sponsor/invite');
    // The confirmation panel says it all; no banner on top of it.
    res.locals.flash = undefined;
    res.render('sponsor/invited', { invitationId });
  }

  /** The invitations the sponsor sent, newest first, ten a page, by status; each open one can be withdrawn. */
  @Get('invitations')
  @Render('sponsor/invitations')
  async invitations(@Caller() caller: ApiCaller, @Query() query: Record<string, unknown>): Promise<object> {
    const status = INVITATION_TABS.find((t) => t.status !== undefined && t.status === query.status)?.status;
    const page = pageOf(query);
    const list = await this.api.get<InvitationList>(caller, '/invitations', {
      page,
      pageSize: PAGE_SIZE,
      status,
    });
    return {
      invitations: list.items.map((i) => ({
        ...i,
        statusWords: invitationInWords(i.status),
        caseRef: i.caseId ? caseRef(i.caseId) : null,
      })),
      total: list.total,
      statusText: INVITATION_TABS.find((t) => t.status === status)?.text ?? 'All',
      tabs: INVITATION_TABS.map((t) => ({
        text: t.text,
        href: t.status ? `/sponsor/invitations?status=${t.status}` : '/sponsor/invitations',
        active: t.status === status,
      })),
      pagination: pagination('/sponsor/invitations', { status, page }, list),
    };
  }

  /** Asks before withdrawing: only an invitation still open (sent, not yet used) can be. */
  @Get('invitations/:invitationId/withdraw')
  async confirmWithdrawal(
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('invitationId', invitationIds) invitationId: string,
  ): Promise<void> {
    const invitation = await this.api.get<Invitation>(caller, `/invitations/${invitationId}`);
    if (invitation.status !== 'OPEN') return res.redirect(303, '/sponsor/invitations');
    res.render('sponsor/withdraw-invitation', { invitation });
  }

  /** Withdraws it; a refusal (accepted or lapsed meanwhile: 409) is the error summary on the list. */
  @Post('invitations/:invitationId/withdraw')
  withdraw(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('invitationId', invitationIds) invitationId: string,
  ): Promise<void> {
    return formAction(req, res, {
      run: () => this.api.post(caller, `/invitations/${invitationId}/withdrawal`, {}),
      backTo: '/sponsor/invitations',
      success: 'Invitation withdrawn: the applicant will not be reminded again and cannot apply with it',
      defaultField: 'invitations',
    });
  }

  @Get('clearances')
  @Render('sponsor/clearances')
  clearances(@Res({ passthrough: true }) res: Response): object {
    const flash = res.locals.flash as { kind?: string; values?: Record<string, unknown> } | undefined;
    const values = flash?.kind === 'success' ? flash.values : undefined;
    if (values) res.locals.flash = undefined;
    const personId = typeof values?.personId === 'string' ? values.personId : undefined;
    const status = typeof values?.status === 'string' ? values.status : undefined;
    // The clearance's own page (its id is opaque) is where incidents and leavers are reported.
    const clearanceId = typeof values?.clearanceId === 'string' ? values.clearanceId : undefined;
    return personId && status ? { result: { personId, clearanceId, ...clearanceInWords(status) } } : {};
  }

  /**
   * A lookup is a POST so the person's id stays out of addresses and histories; the answer is shown once
   * (POST-redirect-GET). The API refuses anyone the sponsor does not sponsor with a 403, shown on the form.
   */
  @Post('clearances')
  async lookUp(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const personId = field(body, 'personId');
    const problem = userIdProblem(personId, 'person');
    if (problem) return this.refuse(req, res, '/sponsor/clearances', problem, 'personId', { personId });
    try {
      const answer = await this.api.get<{ personId: string; status: string; clearanceId?: string }>(
        caller,
        '/clearances/status',
        { personId },
      );
      req.session.flash = {
        kind: 'success',
        text: 'Clearance looked up',
        values: {
          personId: answer.personId,
          status: answer.status,
          ...(answer.clearanceId ? { clearanceId: answer.clearanceId } : {}),
        },
      };
      res.redirect(303, '/sponsor/clearances');
    } catch (error) {
      if (!(error instanceof ApiError) || ![400, 403].includes(error.status)) throw error;
      const text =
        error.status === 403
          ? 'You can only look up people you sponsor. Check the user ID'
          : ID_NOT_RIGHT('person');
      return this.refuse(req, res, '/sponsor/clearances', text, 'personId', { personId });
    }
  }

  private refuse(
    req: Request,
    res: Response,
    backTo: string,
    text: string,
    fieldId: string,
    values: Record<string, string>,
  ): void {
    req.session.flash = { kind: 'error', text, errors: [{ text, href: `#${fieldId}` }], values };
    res.redirect(303, backTo);
  }
}

/** The page asked for, or the first (anything else is ignored rather than refused). */
function pageOf(query: Record<string, unknown>): number {
  const page = Number(query.page);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

/** The MOJ sub navigation over the list: all, open or closed cases. */
function tabs(status: StatusFilter | undefined): object[] {
  return [
    { text: 'All', href: '/sponsor/cases', active: status === undefined },
    { text: 'Open', href: '/sponsor/cases?status=OPEN', active: status === 'OPEN' },
    { text: 'Closed', href: '/sponsor/cases?status=CLOSED', active: status === 'CLOSED' },
  ];
}
