import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  NotFoundException,
  Param,
  Post,
  Query,
  Render,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { CONDITION_TYPES, REVIEW_ASSIGNEE_FILTERS } from '../../../../libs/domain/src';
import type { ReviewAssigneeFilter } from '../../../../libs/domain/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { sentence } from '../common/web-error.filter';
import { Caller, CurrentUser, Roles } from '../auth/auth.decorators';
import { conditionFields, conditionsFrom, conditionValues } from '../common/condition-rows';
import { field, formAction } from '../common/form-action';
import { words } from '../common/view-filters';
import { pagination } from '../common/pagination';
import { StaffDirectory } from '../staff/staff-directory.service';
import type { Flash, SignedInUser } from '../session/session.types';
import { clearanceIds, endRefusalInWords, refuse, textProblem } from './aftercare-session';
import { caseRef } from '../cases/case.types';
import type { RenewalPages } from './renewal-start';
import { renewalConfirmation, startRenewal } from './renewal-start';
import type { ClearanceStaffView } from './aftercare-words';
import {
  adjudicatorActions,
  allows,
  beingReplacedInWords,
  assigneeInWords,
  assigneeNameInWords,
  officerRadioItems,
  reviewFilterView,
  changeCheckInWords,
  clearanceRef,
  clearanceStatusInWords,
  mayStartRenewal,
  renewalInWords,
  REVIEW_OUTCOME_WORDS,
  reviewOutcomeOf,
  TASK_KIND_WORDS,
} from './aftercare-words';

/** An open review task as the queue lists it (GET /clearances/review-tasks, and one by its ids). */
interface OpenReviewTask {
  clearanceId: string;
  caseId: string;
  taskId: string;
  kind: keyof typeof TASK_KIND_WORDS;
  openedAt: string;
  clearanceStatus: ClearanceStaffView['status'];
  assignee: string | null;
  /** A record check re-run for the task has not come back yet. */
  awaitingResults?: boolean;
}

interface ReviewQueue {
  items: OpenReviewTask[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

/** The notes behind a clearance's open referral (GET /clearances/:id/referral-notes). */
interface ReferralNotes {
  items: { taskId: string; officerId: string; recordedAt: string; notes: string }[];
}

/** The senior adjudicators' referral queue (GET /clearances/referrals). */
interface ReferralQueue {
  items: {
    clearanceId: string;
    status: ClearanceStaffView['status'];
    reason: 'REFERRED' | 'SUSPENDED';
    awaitingSince: string;
  }[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

const REFERRAL_REASON_WORDS: Record<ReferralQueue['items'][number]['reason'], string> = {
  REFERRED: 'Referred by an aftercare review',
  SUSPENDED: 'Suspended, awaiting restoration or withdrawal',
};

const PAGE_SIZE = 20;
/** Four eyes, per action, in words that say what to do: the API's message names the rule, not the person. */
const FOUR_EYES: Partial<Record<AdjudicatorForm, string>> = {
  withdraw:
    'You reviewed this clearance as a vetting officer, so a senior adjudicator who did not review it must withdraw it',
  leaveValid:
    'You reviewed this clearance as a vetting officer, so a senior adjudicator who did not review it must decide on its referral',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const renewalPages = (id: string): RenewalPages => ({
  clearancePage: `/aftercare/clearances/${id}`,
  confirmPage: `/aftercare/clearances/${id}/renewal`,
  as: 'VETTING_OFFICER',
});

/** A queue's page number from the address; anything else is the first page. */
function pageOf(value: unknown): number {
  const requested = Number(value);
  return Number.isInteger(requested) && requested >= 1 && requested <= 10_000 ? requested : 1;
}

/** The queue's "assigned to" filter from the address; anything else is no filter. */
function reviewAssigneeFilterOf(value: unknown): ReviewAssigneeFilter | undefined {
  return REVIEW_ASSIGNEE_FILTERS.find((f) => f === value);
}

function reviewsPath(assignee: unknown): string {
  const filter = reviewAssigneeFilterOf(assignee);
  return filter ? `/aftercare/reviews?assignee=${filter}` : '/aftercare/reviews';
}

/** A review task id in an address (the workflow's `task-<n>`), or the 404 page. */
function taskIdOf(value: string): string {
  if (!/^task-[0-9]{1,9}$/.test(value)) throw new NotFoundException();
  return value;
}

/**
 * The adjudicator's actions: the page's address (`slug`), where each posts, what it asks and what it says when
 * done.
 */
const ADJUDICATOR_FORMS = {
  suspend: {
    slug: 'suspend',
    path: 'suspension',
    title: 'Suspend this clearance',
    success: 'The clearance is suspended',
  },
  restore: {
    slug: 'restore',
    path: 'restoration',
    title: 'Restore this clearance',
    success: 'The clearance is restored',
  },
  withdraw: {
    slug: 'withdraw',
    path: 'withdrawal',
    title: 'Withdraw this clearance',
    success: 'The clearance is withdrawn',
  },
  leaveValid: {
    slug: 'leave-valid',
    path: 'referral-closure',
    title: 'Leave this clearance valid',
    success: 'The referral is closed and the clearance stays valid',
  },
} as const;
type AdjudicatorForm = keyof typeof ADJUDICATOR_FORMS;

/** The action a page address names, or the 404 page. */
function formOf(value: string): AdjudicatorForm {
  const found = (Object.keys(ADJUDICATOR_FORMS) as AdjudicatorForm[]).find(
    (f) => ADJUDICATOR_FORMS[f].slug === value,
  );
  if (!found) throw new NotFoundException();
  return found;
}

/**
 * The vetting team's aftercare pages: the officers' queue of open review tasks and a task's outcome, and a
 * clearance's page, from which a senior adjudicator suspends, restores or withdraws it, or leaves a referred one
 * valid. Only what the API would accept is offered (the clearance transition table, an open task or referral, four
 * eyes on withdrawal and referrals); what it refuses meanwhile is the error summary on the page.
 */
@Controller('aftercare')
@Roles('VETTING_OFFICER', 'SENIOR_ADJUDICATOR')
export class AftercareStaffController {
  constructor(
    private readonly api: ApiClient,
    private readonly staff: StaffDirectory,
  ) {}

  /**
   * Open review tasks over all clearances, oldest first, as an MOJ sortable table with who each is assigned to;
   * the MOJ filter (a GET form, so it works without JavaScript) narrows it to yours or the unassigned ones. A team
   * lead sees their team's share (the API scopes it), officers by name, and an "Assign" link on each task.
   */
  @Get('reviews')
  @Roles('VETTING_OFFICER', 'TEAM_LEAD')
  @Render('aftercare/staff/reviews')
  async reviews(
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Query('page') pageParam: unknown,
    @Query('assignee') assigneeParam: unknown,
  ): Promise<object> {
    const officer = user.roles.includes('VETTING_OFFICER');
    const lead = user.roles.includes('TEAM_LEAD');
    const page = pageOf(pageParam);
    // A lead who is not an officer has no tasks of their own: "me" is no filter for them.
    const requested = reviewAssigneeFilterOf(assigneeParam);
    const assignee = requested === 'me' && !officer ? undefined : requested;
    const queue = await this.api.get<ReviewQueue>(caller, '/clearances/review-tasks', {
      page,
      pageSize: PAGE_SIZE,
      assignee,
    });
    const officers = lead
      ? await this.staff.officers(
          caller,
          user.team,
          queue.items.map((t) => t.assignee),
        )
      : [];
    return {
      tasks: queue.items.map((t) => ({
        ...t,
        ref: clearanceRef(t.clearanceId),
        kindText: TASK_KIND_WORDS[t.kind] ?? t.kind,
        status: clearanceStatusInWords(t.clearanceStatus),
        assigneeText:
          t.assignee === user.subject || !lead
            ? assigneeInWords(t.assignee, user.subject)
            : assigneeNameInWords(t.assignee, officers),
      })),
      total: queue.total,
      pagination: pagination('/aftercare/reviews', { page, assignee }, queue),
      filter: reviewFilterView('/aftercare/reviews', assignee, { mine: officer }),
      assignee: assignee ?? '',
      officer,
      lead,
    };
  }

  /**
   * The team lead's assignment of a review task: GOV.UK radios of the officers of their team (from the staff
   * directory, as the team queue's picker), but the one who has it. A task closed meanwhile (or taken by an
   * officer outside the team) is said on the queue instead.
   */
  @Get('reviews/:clearanceId/:taskId/assign')
  @Roles('TEAM_LEAD')
  async assignPage(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Param('clearanceId', clearanceIds) id: string,
    @Param('taskId') taskParam: string,
  ): Promise<void> {
    const taskId = taskIdOf(taskParam);
    let task: OpenReviewTask;
    try {
      task = await this.api.get<OpenReviewTask>(caller, `/clearances/${id}/review-tasks/${taskId}`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
      req.session.flash = {
        kind: 'error',
        title: 'That cannot be done now',
        text: `Review task ${taskId} of clearance ${clearanceRef(id)} is closed or assigned outside your team`,
        errors: [{ text: sentence(error.body.message), href: '#review-tasks' }],
      };
      return res.redirect(303, '/aftercare/reviews');
    }
    const officers = await this.staff.officers(caller, user.team, [task.assignee]);
    const chosen = (res.locals.flash as Flash | undefined)?.values?.officerId;
    res.render('aftercare/staff/assign', {
      task: {
        ...task,
        ref: clearanceRef(id),
        kindText: TASK_KIND_WORDS[task.kind] ?? task.kind,
        assigneeText: assigneeNameInWords(task.assignee, officers),
      },
      officerItems: officerRadioItems(
        officers,
        task.assignee,
        typeof chosen === 'string' ? chosen : undefined,
      ),
      idempotencyKey: randomUUID(),
    });
  }

  /** Assigns (or reassigns) the task to the chosen officer; a choice not on the page is refused on it. */
  @Post('reviews/:clearanceId/:taskId/assign')
  @Roles('TEAM_LEAD')
  async assign(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Param('clearanceId', clearanceIds) id: string,
    @Param('taskId') taskParam: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const taskId = taskIdOf(taskParam);
    const backTo = `/aftercare/reviews/${id}/${taskId}/assign`;
    const officerId = field(body, 'officerId');
    if (!officerId)
      return refuse(req, res, backTo, { text: 'Select the officer to review this task', href: '#officerId' });
    // Only the officers the page offered: the API would refuse anyone else too, in its own words.
    const officer = (await this.staff.officers(caller, user.team)).find((o) => o.id === officerId);
    if (!officer)
      return refuse(req, res, backTo, {
        text: 'Select an officer of your team from the list',
        href: '#officerId',
      });
    await formAction(req, res, {
      run: () =>
        this.api.post(
          caller,
          `/clearances/${id}/review-tasks/${taskId}/assignment`,
          { officerId },
          field(body, 'idempotencyKey'),
        ),
      backTo,
      next: '/aftercare/reviews',
      success: `Review task ${taskId} of clearance ${clearanceRef(id)} is assigned to ${officer.name}`,
      values: { officerId },
      defaultField: 'officerId',
    });
  }

  /** "Assign to me": the officer takes an open review task (the API refuses one another officer has). */
  @Post('reviews/:clearanceId/:taskId/assignment')
  @Roles('VETTING_OFFICER')
  async takeReview(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Param('clearanceId', clearanceIds) id: string,
    @Param('taskId') taskParam: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const taskId = taskIdOf(taskParam);
    // Back to where the button was: the queue (as filtered) or the task's own page.
    const from = field(body, 'from');
    const backTo =
      from === 'task' ? `/aftercare/reviews/${id}/${taskId}` : reviewsPath(field(body, 'assignee'));
    await formAction(req, res, {
      run: () =>
        this.api.post(
          caller,
          `/clearances/${id}/review-tasks/${taskId}/assignment`,
          { officerId: user.subject },
          field(body, 'idempotencyKey'),
        ),
      backTo,
      success: `Review task ${taskId} of clearance ${clearanceRef(id)} is assigned to you`,
    });
  }

  /** Clearances awaiting a senior adjudicator, longest wait first (none the adjudicator holds, sponsors or reviewed). */
  @Get('referrals')
  @Roles('SENIOR_ADJUDICATOR')
  @Render('aftercare/staff/referrals')
  async referrals(@Caller() caller: ApiCaller, @Query('page') pageParam: unknown): Promise<object> {
    const page = pageOf(pageParam);
    const queue = await this.api.get<ReferralQueue>(caller, '/clearances/referrals', {
      page,
      pageSize: PAGE_SIZE,
    });
    return {
      referrals: queue.items.map((r) => ({
        ...r,
        ref: clearanceRef(r.clearanceId),
        reasonText: REFERRAL_REASON_WORDS[r.reason],
        statusText: clearanceStatusInWords(r.status),
      })),
      total: queue.total,
      pagination: pagination('/aftercare/referrals', { page }, queue),
    };
  }

  @Get('reviews/:clearanceId/:taskId')
  @Roles('VETTING_OFFICER')
  async reviewPage(
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Param('clearanceId', clearanceIds) id: string,
    @Param('taskId') taskParam: string,
  ): Promise<void> {
    const taskId = taskIdOf(taskParam);
    const clearance = await this.api.get<ClearanceStaffView>(caller, `/clearances/${id}`);
    const task = clearance.tasks.find((t) => t.taskId === taskId);
    if (!task) throw new NotFoundException();
    const assignee = task.assignee ?? null;
    const open = task.status === 'OPEN' && allows(clearance, 'RECORD_REVIEW', 'VETTING_OFFICER');
    res.render('aftercare/staff/review', {
      clearance: this.view(clearance),
      task: {
        ...task,
        kindText: TASK_KIND_WORDS[task.kind],
        outcomeText: task.outcome ? REVIEW_OUTCOME_WORDS[task.outcome].text : null,
        assigneeText: assigneeInWords(assignee, user.subject),
      },
      // An unassigned open task may be taken; one assigned to another officer is theirs alone to record.
      mayTake: open && assignee === null && allows(clearance, 'ASSIGN_REVIEW', 'VETTING_OFFICER'),
      assignedElsewhere: open && assignee !== null && assignee !== user.subject,
      // The record checks the change re-ran; "no change" or new conditions wait for them (the API says so too).
      checks: (task.checks ?? []).map((c) => ({
        ...c,
        checkText: words(c.checkType),
        result: changeCheckInWords(c),
      })),
      checksRunning: (task.checks ?? []).some((c) => c.status === 'RUNNING'),
      // Only an open task of a live clearance takes an outcome, and an assigned one only from its officer.
      mayRecord: open && (assignee === null || assignee === user.subject),
      outcomes: Object.entries(REVIEW_OUTCOME_WORDS).map(([value, w]) => ({
        value,
        text: w.text,
        hint: { text: w.hint },
      })),
      conditionTypes: CONDITION_TYPES.map((t) => ({ value: t, text: words(t) })),
      currentConditions: clearance.conditions ?? [],
      // The condition rows open with the clearance's conditions, so changing one is editing it.
      conditionDefaults: conditionValues(clearance.conditions ?? []),
      idempotencyKey: randomUUID(),
    });
  }

  @Post('reviews/:clearanceId/:taskId')
  @Roles('VETTING_OFFICER')
  async recordReview(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
    @Param('taskId') taskParam: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const taskId = taskIdOf(taskParam);
    const backTo = `/aftercare/reviews/${id}/${taskId}`;
    const outcome = reviewOutcomeOf(field(body, 'outcome'));
    const notes = field(body, 'notes');
    const values = {
      outcome: outcome ?? '',
      notes,
      ...Object.fromEntries(conditionFields().map((name) => [name, field(body, name)])),
    };
    if (!outcome)
      return refuse(req, res, backTo, { text: 'Select the outcome of the review', href: '#outcome' }, values);
    const problem = textProblem(notes, 'your notes on the review', 'The notes');
    if (problem) return refuse(req, res, backTo, { text: problem, href: '#notes' }, values);
    await formAction(req, res, {
      run: () =>
        this.api.post(
          caller,
          `/clearances/${id}/review-tasks/${taskId}/outcome`,
          // The rows are the conditions from now on, sent only with the outcome that changes them.
          outcome === 'CONDITIONS_CHANGED'
            ? { outcome, notes, conditions: conditionsFrom(body) }
            : { outcome, notes },
          field(body, 'idempotencyKey'),
        ),
      backTo,
      fieldIds: { conditions: 'condition-1-type' },
      next: '/aftercare/reviews',
      success: `Review recorded: ${REVIEW_OUTCOME_WORDS[outcome].text.toLowerCase()} (clearance ${clearanceRef(id)})`,
      values,
      defaultField: 'outcome',
    });
  }

  /** Finding a clearance by its id (an adjudicator is given it with a referral); posted, then its own page. */
  @Get('clearances')
  @Render('aftercare/staff/find')
  find(): object {
    return {};
  }

  @Post('clearances')
  findPost(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): void {
    const id = field(body, 'clearanceId').toLowerCase();
    if (!UUID.test(id)) {
      const text =
        id === ''
          ? 'Enter the clearance ID'
          : 'Enter the clearance ID in full, like 3f2b6c1e-…, as the referral gives it';
      return refuse(req, res, '/aftercare/clearances', { text, href: '#clearanceId' }, { clearanceId: id });
    }
    res.redirect(303, `/aftercare/clearances/${id}`);
  }

  @Get('clearances/:clearanceId')
  async clearance(
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    const clearance = await this.api.get<ClearanceStaffView>(caller, `/clearances/${id}`);
    const adjudicator = user.roles.includes('SENIOR_ADJUDICATOR');
    const officer = user.roles.includes('VETTING_OFFICER');
    res.render('aftercare/staff/clearance', {
      clearance: this.view(clearance),
      referralNotes: await this.referralNotes(caller, user, clearance),
      actions: adjudicator ? adjudicatorActions(clearance, user.subject) : null,
      officer: officer && allows(clearance, 'RECORD_REVIEW', 'VETTING_OFFICER'),
      mayStartRenewal: officer && mayStartRenewal(clearance, 'VETTING_OFFICER'),
      mayTransfer: officer && allows(clearance, 'TRANSFER_SPONSOR', 'VETTING_OFFICER'),
      // Instead of the ends no longer offered, while the renewal's successor is pending.
      replacedWords: beingReplacedInWords(clearance, adjudicator ? 'SENIOR_ADJUDICATOR' : 'VETTING_OFFICER'),
    });
  }

  /**
   * "Start renewal" for a vetting officer: a confirmation page, then the POST that opens the renewal case
   * (declared before the adjudicator's `:action` routes, which would otherwise take the address).
   */
  @Get('clearances/:clearanceId/renewal')
  @Roles('VETTING_OFFICER')
  renewalPage(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    return renewalConfirmation(this.api, req, res, caller, id, renewalPages(id));
  }

  @Post('clearances/:clearanceId/renewal')
  @Roles('VETTING_OFFICER')
  startRenewal(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return startRenewal(this.api, req, res, caller, id, renewalPages(id), body);
  }

  @Get('clearances/:clearanceId/:action')
  @Roles('SENIOR_ADJUDICATOR')
  async actionPage(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Param('clearanceId', clearanceIds) id: string,
    @Param('action') actionParam: string,
  ): Promise<void> {
    const action = formOf(actionParam);
    const clearance = await this.api.get<ClearanceStaffView>(caller, `/clearances/${id}`);
    if (!adjudicatorActions(clearance, user.subject)[action]) {
      // A refusal that brought the adjudicator back here is said on the clearance's page instead.
      const flash = res.locals.flash as Flash | undefined;
      if (flash) req.session.flash = flash;
      return res.redirect(303, `/aftercare/clearances/${id}`);
    }
    res.render('aftercare/staff/adjudicate', {
      clearance: this.view(clearance),
      referralNotes: await this.referralNotes(caller, user, clearance),
      action,
      slug: ADJUDICATOR_FORMS[action].slug,
      title: ADJUDICATOR_FORMS[action].title,
      idempotencyKey: randomUUID(),
    });
  }

  @Post('clearances/:clearanceId/:action')
  @Roles('SENIOR_ADJUDICATOR')
  async act(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
    @Param('action') actionParam: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const action = formOf(actionParam);
    const backTo = `/aftercare/clearances/${id}/${ADJUDICATOR_FORMS[action].slug}`;
    const reason = field(body, 'reason');
    const disclosableReasons = field(body, 'disclosableReasons');
    const closedReasons = field(body, 'closedReasons');
    let payload: Record<string, string>;
    if (action === 'withdraw') {
      const values = { disclosableReasons, closedReasons };
      const problem =
        textProblem(
          disclosableReasons,
          'the reasons the holder may be told',
          'The reasons the holder may be told',
        ) ?? null;
      if (problem) return refuse(req, res, backTo, { text: problem, href: '#disclosableReasons' }, values);
      const closed = textProblem(
        closedReasons,
        'the reasons kept from the holder',
        'The reasons kept from the holder',
      );
      if (closed) return refuse(req, res, backTo, { text: closed, href: '#closedReasons' }, values);
      payload = values;
    } else {
      const problem = textProblem(reason, 'the reason', 'The reason');
      if (problem) return refuse(req, res, backTo, { text: problem, href: '#reason' }, { reason });
      payload = { reason };
    }
    await formAction(req, res, {
      run: () =>
        this.api
          .post(
            caller,
            `/clearances/${id}/${ADJUDICATOR_FORMS[action].path}`,
            payload,
            field(body, 'idempotencyKey'),
          )
          .catch(async (error: unknown) => {
            const fourEyes = FOUR_EYES[action];
            if (fourEyes && error instanceof ApiError && error.body.error === 'FOUR_EYES_VIOLATION') {
              throw new ApiError(409, { ...error.body, message: fourEyes });
            }
            // A withdrawal posted from before the renewal's succession: said as the page now says it.
            if (action === 'withdraw')
              throw await endRefusalInWords(this.api, caller, id, error, 'SENIOR_ADJUDICATOR');
            throw error;
          }),
      backTo,
      // A referral left valid is done with: back to the queue it came from, which no longer lists it.
      next: action === 'leaveValid' ? '/aftercare/referrals' : `/aftercare/clearances/${id}`,
      success:
        action === 'leaveValid'
          ? `Clearance ${clearanceRef(id)}: ${ADJUDICATOR_FORMS[action].success.toLowerCase()}`
          : ADJUDICATOR_FORMS[action].success,
      values: payload,
      // A withdrawal or a referral's closing refused (four eyes; the referral decided meanwhile) is said on the
      // clearance's page, where those fields are not.
      defaultField: action === 'withdraw' || action === 'leaveValid' ? undefined : 'reason',
    });
  }

  /**
   * The notes of the reviews behind the open referral, for a senior adjudicator who may decide it; not asked for
   * otherwise (the API opens them to that role only, and never to one who reviewed the clearance).
   */
  private async referralNotes(
    caller: ApiCaller,
    user: SignedInUser,
    clearance: ClearanceStaffView,
  ): Promise<ReferralNotes['items']> {
    const decides =
      user.roles.includes('SENIOR_ADJUDICATOR') &&
      clearance.referralOpen === true &&
      !clearance.reviewers.includes(user.subject);
    if (!decides) return [];
    const notes = await this.api.get<ReferralNotes>(
      caller,
      `/clearances/${clearance.clearanceId}/referral-notes`,
    );
    return notes.items;
  }

  private view(c: ClearanceStaffView): object {
    return {
      ...c,
      ref: clearanceRef(c.clearanceId),
      words: clearanceStatusInWords(c.status),
      renewalWords: c.renewal ? renewalInWords(c.renewal) : null,
      renewalRef: c.renewal ? caseRef(c.renewal.caseId) : null,
      tasks: c.tasks.map((t) => ({
        ...t,
        kindText: TASK_KIND_WORDS[t.kind],
        outcomeText: t.outcome ? REVIEW_OUTCOME_WORDS[t.outcome].text : null,
      })),
    };
  }
}
