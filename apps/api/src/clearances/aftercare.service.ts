import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import {
  CLEARANCE_REJECTED_FAILURE_TYPE,
  clearanceCommandUpdate,
  clearanceHeldWorkflowId,
} from '../../../../libs/contracts/src';
import {
  checkClearanceCommand,
  checksStillRunning,
  clearanceAllows,
  ClearanceActor,
  ClearanceCommand,
  ClearanceRejection,
  ClearanceState,
  DomainError,
  grantedClearance,
  isEndedClearance,
  lineManagerChoice,
  openReferralNotes,
  Principal,
  ReviewAssigneeFilter,
  reviewAssigneeProblem,
} from '../../../../libs/domain/src';
import {
  ClearanceRow,
  ClearanceStore,
  FieldCipher,
  StaffDirectoryStore,
  StaffMember,
} from '../../../../libs/persistence/src';
import { setAuditCaseId } from '../audit/audited.decorator';
import { TemporalBudget } from '../temporal/temporal-budget';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { translateUpdateFailure } from '../temporal/update-failure';
import {
  ClearanceStaffView,
  ClearanceView,
  clearanceStaffView,
  clearanceView,
  LineManagerCandidateView,
  LineManagerClearanceView,
  lineManagerClearanceView,
  LineManagerSearchView,
  OpenReviewTaskView,
  ReferralNotesView,
  ReferralPageView,
  ReviewTaskPageView,
} from './dto/clearance.views';

/** The capacities people act in on a clearance (the clock, SYSTEM, is the workflow's own). */
export type PersonActor = Exclude<ClearanceActor, 'SYSTEM'>;

/** A command as the API receives it: the actor is always the authenticated principal, never the body. */
export type ClearanceRequest = ClearanceCommand extends infer C
  ? C extends ClearanceCommand
    ? C['actor']['as'] extends 'SYSTEM'
      ? never
      : Omit<C, 'actor'>
    : never
  : never;

const STAFF: readonly ClearanceActor[] = ['VETTING_OFFICER', 'SENIOR_ADJUDICATOR', 'TEAM_LEAD'];

/**
 * Aftercare of held clearances over HTTP: who may see which clearance (need-to-know), and the actions that go to
 * its clearance-held workflow as Updates, each outcome turned into a view or a DomainError.
 */
@Injectable()
export class AftercareService {
  private readonly logger = new Logger(AftercareService.name);
  private readonly store: ClearanceStore;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    cipher: FieldCipher,
    private readonly staff: StaffDirectoryStore,
  ) {
    this.store = new ClearanceStore(dataSource, cipher);
  }

  /** The clearances the caller holds or held, each with its line manager's name once one is named. */
  async held(principal: Principal): Promise<ClearanceView[]> {
    const states = (await this.store.forHolder(principal.subject)).map(stateOf);
    const names = await this.staff.namesOf(states.flatMap((s) => (s.lineManagerId ? [s.lineManagerId] : [])));
    return states.map((state) => withLineManagerName(state, names));
  }

  /** The clearances the caller is named line manager for now (a clearance they hold is never among them). */
  async managed(principal: Principal): Promise<LineManagerClearanceView[]> {
    const rows = (await this.store.forLineManager(principal.subject)).filter((row) =>
      mayActAs(principal, row, 'LINE_MANAGER'),
    );
    // Names opened only for the clearances they may see, after the need-to-know filter (audited by the route).
    const names = await this.store.holderNames(rows.map((row) => row.caseId));
    return rows.map((row) => lineManagerClearanceView(stateOf(row), names.get(row.caseId) ?? null));
  }

  /**
   * One clearance as the caller may see it: its holder and its sponsor the coarse view, its line manager theirs,
   * officers and adjudicators the full one; anyone else, and a staff member who is a party to it, is told there is
   * none.
   */
  async read(
    principal: Principal,
    clearanceId: string,
    audit: object,
  ): Promise<ClearanceView | ClearanceStaffView | LineManagerClearanceView> {
    const row = await this.find(clearanceId, audit);
    const as = capacityOf(principal, row);
    if (!as) throw notFound(clearanceId);
    return this.viewFor(as, stateOf(row), row.caseId);
  }

  /**
   * The view of a clearance for the capacity the caller acts in. Only the line manager's view carries the
   * holder's name, so only for them is it opened from the granting case's sealed application. The sponsor's and
   * the holder's carry the line manager's name: the sponsor chose that person by it, and the holder appraises
   * with them (a work colleague's name from the staff directory, looked up for that one id).
   */
  private async viewFor(
    as: PersonActor,
    state: ClearanceState,
    caseId: string,
  ): Promise<ClearanceView | ClearanceStaffView | LineManagerClearanceView> {
    if ((as === 'SPONSOR' || as === 'HOLDER') && state.lineManagerId) {
      return withLineManagerName(state, await this.staff.namesOf([state.lineManagerId]));
    }
    if (as !== 'LINE_MANAGER') return viewFor(as, state);
    const names = await this.store.holderNames([caseId]);
    return lineManagerClearanceView(state, names.get(caseId) ?? null);
  }

  /**
   * Names the holder's line manager as the clearance's sponsor: someone the staff directory has as a line manager
   * (422 otherwise, as an assignment to an unknown officer is), never the holder or the sponsor (the rules).
   */
  async nameLineManager(
    principal: Principal,
    clearanceId: string,
    lineManagerId: string,
    options: { requestId?: string; audit: object },
  ): Promise<ClearanceView | ClearanceStaffView | LineManagerClearanceView> {
    const row = await this.find(clearanceId, options.audit);
    if (!mayActAs(principal, row, 'SPONSOR')) throw notFound(clearanceId);
    await this.lineManagerInDirectory(clearanceId, lineManagerId);
    return this.act(principal, clearanceId, 'SPONSOR', { type: 'NAME_LINE_MANAGER', lineManagerId }, options);
  }

  /**
   * Who a staff id is, for the clearance's sponsor to confirm before naming them: the one member the id names
   * (name and team), never a list or a partial match (sponsors may not list the staff directory). Refused as the
   * naming itself would be: not their clearance 404, not a line manager 422, and what the clearance rules would
   * refuse now (the holder, the sponsor, the line manager named already, an ended clearance) as they would.
   */
  async lineManagerCandidate(
    principal: Principal,
    clearanceId: string,
    lineManagerId: string,
    audit: object,
  ): Promise<LineManagerCandidateView> {
    const row = await this.find(clearanceId, audit);
    if (!mayActAs(principal, row, 'SPONSOR')) throw notFound(clearanceId);
    const member = await this.lineManagerInDirectory(clearanceId, lineManagerId);
    const verdict = checkClearanceCommand(stateOf(row), {
      type: 'NAME_LINE_MANAGER',
      lineManagerId,
      actor: { subject: principal.subject, as: 'SPONSOR' },
    });
    if (!verdict.ok) throw refusalError(clearanceId, verdict.rejection, true);
    return { lineManagerId, displayName: member.displayName, team: member.team };
  }

  /**
   * The line managers the clearance's sponsor may name, found by part of their name (lineManagerChoice: at most
   * ten, by name, `capped` when more matched) with their name and team. Only the clearance's sponsor (anyone else
   * 404, as for the check of one id), and only while the clearance takes a naming (409 otherwise, as naming would
   * be). The term is in the request body only: it is never logged, and the audit row records the search, not it.
   */
  async searchLineManagers(
    principal: Principal,
    clearanceId: string,
    term: string,
    audit: object,
  ): Promise<LineManagerSearchView> {
    const row = await this.find(clearanceId, audit);
    if (!mayActAs(principal, row, 'SPONSOR')) throw notFound(clearanceId);
    const state = stateOf(row);
    if (!row.snapshot || !clearanceAllows(state, 'NAME_LINE_MANAGER', 'SPONSOR'))
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `a line manager cannot be named on this clearance now (status ${state.status})`,
        { clearanceId, clearanceStatus: state.status },
      );
    const directory = await this.staff.membersWithRole('LINE_MANAGER');
    return lineManagerChoice(state, principal.subject, directory, term);
  }

  /** The staff directory's member with this id, when it has them as a line manager (422 naming the field if not). */
  private async lineManagerInDirectory(clearanceId: string, lineManagerId: string): Promise<StaffMember> {
    const member = await this.staff.find(lineManagerId);
    if (!member?.roles.includes('LINE_MANAGER')) {
      const problem = 'must be a line manager in the staff directory';
      throw new DomainError('INVALID_COMMAND', `lineManagerId ${problem}`, {
        clearanceId,
        fields: [{ field: 'lineManagerId', problems: [problem] }],
      });
    }
    return member;
  }

  /**
   * The officers' queue: open aftercare review tasks over all clearances, oldest first; `me` lists the caller's,
   * `none` the unassigned ones. A team lead's is their team's share of it (see `teamScope`).
   */
  async reviewQueue(
    principal: Principal,
    page: number,
    pageSize: number,
    assignee?: ReviewAssigneeFilter,
  ): Promise<ReviewTaskPageView> {
    const filter = {
      ...(assignee === 'me'
        ? { assignee: principal.subject }
        : assignee === 'none'
          ? { assignee: null }
          : {}),
      ...teamScope(principal),
    };
    const { items, total } = await this.store.openReviewTasks(page, pageSize, filter);
    return { items, page, pageSize, total, totalPages: Math.ceil(total / pageSize) };
  }

  /**
   * One open review task as the caller's queue lists it (the team lead's assignment page). The clearance's holder
   * or sponsor is answered as if there were no clearance, as for every staff route; a task closed meanwhile (or,
   * for a lead, assigned outside their team) is a 409, as assigning it would be.
   */
  async openReviewTask(
    principal: Principal,
    clearanceId: string,
    taskId: string,
    audit: object,
  ): Promise<OpenReviewTaskView> {
    const row = await this.find(clearanceId, audit);
    if (principal.subject === row.holderId || principal.subject === row.sponsorId)
      throw notFound(clearanceId);
    const { items } = await this.store.openReviewTasks(1, 1, {
      task: { clearanceId, taskId },
      ...teamScope(principal),
    });
    const [task] = items;
    if (!task)
      throw new DomainError('TASK_NOT_FOUND', `review task ${taskId} is not open, or not yours to assign`, {
        clearanceId,
      });
    return task;
  }

  /**
   * Assigns an open review task, as a case is assigned: a team lead to an officer of their team (and reassigns);
   * an officer takes one themself. The staff directory must have the officer as a vetting officer (422 naming the
   * problem otherwise, as for a case); the workflow's rules check the task is open and whose it is (409).
   * Answers the task as the queue lists it.
   */
  async assignReview(
    principal: Principal,
    clearanceId: string,
    taskId: string,
    officerId: string,
    options: { requestId?: string; audit: object },
  ): Promise<OpenReviewTaskView> {
    const row = await this.find(clearanceId, options.audit);
    // A team lead assigns as one (to anyone of their team); an officer only ever takes a task themself.
    const as = (['TEAM_LEAD', 'VETTING_OFFICER'] as const).find((a) => mayActAs(principal, row, a));
    if (!as) throw notFound(clearanceId);
    if (as === 'VETTING_OFFICER' && officerId !== principal.subject)
      throw new DomainError(
        'FORBIDDEN',
        'an officer may take a review task only for themself; a team lead assigns it to others',
        { clearanceId },
      );
    const problem = reviewAssigneeProblem(officerId, await this.staff.find(officerId), {
      holderId: row.holderId,
      sponsorId: row.sponsorId,
      team: as === 'TEAM_LEAD' ? (principal.team ?? null) : null,
    });
    if (problem)
      throw new DomainError('INVALID_COMMAND', problem, {
        clearanceId,
        fields: [{ field: 'officerId', problems: [problem] }],
      });
    const state = await this.apply(principal, row, as, { type: 'ASSIGN_REVIEW', taskId, officerId }, options);
    const task = state.tasks.find((t) => t.taskId === taskId);
    if (!task) throw new DomainError('TASK_NOT_FOUND', `no review task ${taskId}`, { clearanceId });
    return {
      clearanceId,
      caseId: state.caseId,
      taskId,
      kind: task.kind,
      openedAt: task.openedAt,
      clearanceStatus: state.status,
      assignee: task.assignee ?? null,
      awaitingResults: checksStillRunning(task.checks),
    };
  }

  /** The senior adjudicators' referral queue, without the clearances the caller may not decide (need-to-know). */
  async referralQueue(principal: Principal, page: number, pageSize: number): Promise<ReferralPageView> {
    const { items, total } = await this.store.referrals(principal.subject, page, pageSize);
    return { items, page, pageSize, total, totalPages: Math.ceil(total / pageSize) };
  }

  /**
   * The notes of the reviews behind the clearance's open referral, opened from their sealed events for a senior
   * adjudicator who may decide it: never one who reviewed it (four eyes, as the queue leaves it out), holds it or
   * sponsors it; anyone else is told there is no such clearance. Audited by the caller, as sealed reads are.
   */
  async referralNotes(principal: Principal, clearanceId: string, audit: object): Promise<ReferralNotesView> {
    const row = await this.find(clearanceId, audit);
    const reviewed = row.snapshot?.reviewers.includes(principal.subject) ?? false;
    if (!mayActAs(principal, row, 'SENIOR_ADJUDICATOR') || reviewed) throw notFound(clearanceId);
    return { clearanceId, items: openReferralNotes(await this.store.events(clearanceId)) };
  }

  /**
   * Applies a command as the principal acting in capacity `as`, after checking the clearance is theirs to act on
   * (the workflow checks the holder and the sponsor again, and four eyes on withdrawal). Answers the clearance
   * after the action, as the principal may see it.
   */
  async act(
    principal: Principal,
    clearanceId: string,
    as: PersonActor,
    request: ClearanceRequest,
    options: { requestId?: string; audit: object },
  ): Promise<ClearanceView | ClearanceStaffView | LineManagerClearanceView> {
    const row = await this.find(clearanceId, options.audit);
    return this.viewFor(as, await this.apply(principal, row, as, request, options), row.caseId);
  }

  /** Sends the command to the clearance's workflow (or refuses it from the read-model once it has ended). */
  private async apply(
    principal: Principal,
    row: ClearanceRow,
    as: PersonActor,
    request: ClearanceRequest,
    options: { requestId?: string },
  ): Promise<ClearanceState> {
    const { clearanceId } = row;
    if (!mayActAs(principal, row, as)) throw notFound(clearanceId);
    const command = { ...request, actor: { subject: principal.subject, as } } as ClearanceCommand;
    const party = !STAFF.includes(as);
    // An ended clearance has no workflow to ask; answer from the read-model with the same rules.
    if (isEndedClearance(row.status) || !row.snapshot) {
      const verdict = checkClearanceCommand(stateOf(row), command);
      if (!verdict.ok) throw refusalError(clearanceId, verdict.rejection, party);
      throw new DomainError('ILLEGAL_TRANSITION', 'this clearance is not followed by aftercare', {
        clearanceId,
        clearanceStatus: row.status,
      });
    }
    return this.send(clearanceId, command, options.requestId, party);
  }

  /**
   * Opens the clearance's renewal case as its sponsor or, failing that, as an officer (the capacity comes from
   * who the caller is to this clearance, never from the request). The case's id is in the answer's `renewal`.
   */
  async openRenewal(
    principal: Principal,
    clearanceId: string,
    options: { requestId?: string; audit: object },
  ): Promise<ClearanceView | ClearanceStaffView | LineManagerClearanceView> {
    const row = await this.find(clearanceId, options.audit);
    const as = (['SPONSOR', 'VETTING_OFFICER'] as const).find((a) => mayActAs(principal, row, a));
    if (!as) throw notFound(clearanceId);
    return this.act(principal, clearanceId, as, { type: 'OPEN_RENEWAL' }, options);
  }

  /**
   * Hands the clearance to another sponsor, as its sponsor or, failing that, as an officer (the capacity comes
   * from who the caller is to this clearance). The new sponsor is named by reference, as an applicant names
   * theirs: the service keeps no list of sponsors to check it against (sponsors are not in the staff directory).
   */
  async transfer(
    principal: Principal,
    clearanceId: string,
    body: { toSponsorId: string; reason: string },
    options: { requestId?: string; audit: object },
  ): Promise<ClearanceView | ClearanceStaffView | LineManagerClearanceView> {
    const row = await this.find(clearanceId, options.audit);
    const as = (['SPONSOR', 'VETTING_OFFICER'] as const).find((a) => mayActAs(principal, row, a));
    if (!as) throw notFound(clearanceId);
    return this.act(principal, clearanceId, as, { type: 'TRANSFER_SPONSOR', ...body }, options);
  }

  private async find(clearanceId: string, audit: object): Promise<ClearanceRow> {
    const row = await this.store.get(clearanceId);
    if (!row) throw notFound(clearanceId);
    // The audit row names the case that granted the clearance, whoever asked and whatever the answer.
    setAuditCaseId(audit, row.caseId);
    return row;
  }

  private async send(
    clearanceId: string,
    command: ClearanceCommand,
    requestId: string | undefined,
    party: boolean,
  ): Promise<ClearanceState> {
    const handle = this.temporal.workflow.getHandle(clearanceHeldWorkflowId(clearanceId));
    try {
      const budget = new TemporalBudget(this.temporal, this.config.updateTimeoutMs);
      const state = await budget.send(() =>
        handle.executeUpdate(clearanceCommandUpdate, {
          args: [command],
          // The same request id makes a retried request the same update, applied at most once.
          ...(requestId ? { updateId: `${command.type}:${requestId}` } : {}),
        }),
      );
      this.logger.log({
        message: 'clearance action applied',
        clearanceId,
        action: command.type,
        status: state.status,
      });
      return state;
    } catch (error) {
      throw this.translate(clearanceId, command, error, requestId !== undefined, party);
    }
  }

  private translate(
    clearanceId: string,
    command: ClearanceCommand,
    error: unknown,
    keyed: boolean,
    party: boolean,
  ): DomainError {
    return translateUpdateFailure<ClearanceRejection>(error, {
      what: 'clearance',
      subject: { clearanceId },
      action: command.type,
      keyed,
      rejectionType: CLEARANCE_REJECTED_FAILURE_TYPE,
      refusal: (rejection) => refusalError(clearanceId, rejection, party),
      notFound: () =>
        new DomainError(
          'ILLEGAL_TRANSITION',
          'the clearance is no longer followed by aftercare; nothing more can be done to it',
          { clearanceId },
        ),
      logger: this.logger,
    });
  }
}

/** The coarse view with the line manager's name from `names` (null when the directory no longer knows them). */
function withLineManagerName(state: ClearanceState, names: ReadonlyMap<string, string>): ClearanceView {
  const view = clearanceView(state);
  return state.lineManagerId ? { ...view, lineManagerName: names.get(state.lineManagerId) ?? null } : view;
}

/** The capacity a principal reads a clearance in, or null when it is none of their business. */
function capacityOf(principal: Principal, row: ClearanceRow): PersonActor | null {
  const order: PersonActor[] = ['HOLDER', 'SPONSOR', 'LINE_MANAGER', 'VETTING_OFFICER', 'SENIOR_ADJUDICATOR'];
  return order.find((as) => mayActAs(principal, row, as)) ?? null;
}

/** The view of a clearance for a capacity other than the line manager's (whose view needs the holder's name). */
function viewFor(
  as: Exclude<PersonActor, 'LINE_MANAGER'>,
  state: ClearanceState,
): ClearanceView | ClearanceStaffView {
  return STAFF.includes(as) ? clearanceStaffView(state) : clearanceView(state);
}

/**
 * Need-to-know: the holder themself, the clearance's own sponsor, the line manager its sponsor named (never the
 * holder themself), and officers and adjudicators by role, but
 * never a staff member who is the holder or the sponsor of this clearance (no one vets their own).
 */
/**
 * A team lead (who is not also an officer) sees their team's share of the shared queue: the unassigned tasks,
 * which they may assign, and those assigned to officers of their team. Tasks have no team of their own; a lead
 * without one (as for cases) sees all. Officers keep the whole queue, as before assignment existed.
 */
function teamScope(principal: Principal): { team?: string } {
  const lead = principal.roles.includes('TEAM_LEAD') && !principal.roles.includes('VETTING_OFFICER');
  return lead && principal.team ? { team: principal.team } : {};
}

function mayActAs(principal: Principal, row: ClearanceRow, as: PersonActor): boolean {
  const { subject, roles } = principal;
  switch (as) {
    case 'HOLDER':
      return roles.includes('APPLICANT') && subject === row.holderId;
    case 'SPONSOR':
      return roles.includes('SPONSOR') && subject === row.sponsorId;
    case 'LINE_MANAGER':
      return (
        roles.includes('LINE_MANAGER') &&
        !!row.snapshot?.lineManagerId &&
        subject === row.snapshot.lineManagerId &&
        subject !== row.holderId
      );
    case 'VETTING_OFFICER':
    case 'SENIOR_ADJUDICATOR':
    case 'TEAM_LEAD':
      return roles.includes(as) && subject !== row.holderId && subject !== row.sponsorId;
  }
}

/** The state a row stands for: the workflow's snapshot, or for a clearance granted before aftercare, its facts. */
function stateOf(row: ClearanceRow): ClearanceState {
  if (row.snapshot) return row.snapshot;
  return {
    ...grantedClearance(
      {
        clearanceId: row.clearanceId,
        caseId: row.caseId,
        holderId: row.holderId,
        sponsorId: row.sponsorId,
        grantedOn: row.grantedOn,
        renewalDue: row.reviewDue,
        conditions: [],
      },
      row.grantedOn,
    ),
    status: row.status,
  };
}

function notFound(clearanceId: string): DomainError {
  return new DomainError('CLEARANCE_NOT_FOUND', `no clearance with id ${clearanceId}`);
}

/**
 * A refusal by the clearance rules: someone else's clearance is 404, bad input 400, anything the status or four
 * eyes forbids 409 with the status. The holder and the sponsor are not told what staff could do instead.
 */
function refusalError(clearanceId: string, rejection: ClearanceRejection, party: boolean): DomainError {
  switch (rejection.code) {
    case 'CLEARANCE_NOT_FOUND':
      return notFound(clearanceId);
    case 'INVALID_COMMAND':
      return new DomainError('VALIDATION_FAILED', `invalid request: ${rejection.message}`, { clearanceId });
    default:
      return new DomainError(rejection.code, rejection.message, {
        clearanceId,
        clearanceStatus: rejection.status,
        ...(party ? {} : { allowedClearanceActions: rejection.allowedActions }),
      });
  }
}
