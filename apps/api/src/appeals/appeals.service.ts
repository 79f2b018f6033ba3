import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import {
  APPEAL_REJECTED_FAILURE_TYPE,
  appealCommandUpdate,
  appealWorkflowId,
} from '../../../../libs/contracts/src';
import {
  AppealActor,
  AppealCommand,
  appealIneligibility,
  AppealRejection,
  AppealState,
  APPEAL_STATUSES,
  checkAppealCommand,
  DomainError,
  isFinalAppeal,
  lodgedAppeal,
  nameableSecretaries,
  Principal,
  StatementSide,
} from '../../../../libs/domain/src';
import {
  AppealEventRecord,
  AppealStore,
  ClearanceStore,
  FieldCipher,
  StaffDirectoryStore,
} from '../../../../libs/persistence/src';
import { setAuditCaseId } from '../audit/audited.decorator';
import { TemporalBudget } from '../temporal/temporal-budget';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { translateUpdateFailure } from '../temporal/update-failure';
import type { appealWorkflow } from '../../../../workflows/appeal.workflow';
import { AppealQueueQueryDto, LodgeAppealDto } from './dto/appeal.dto';
import {
  AppealEventListView,
  AppealQueueView,
  AppealStaffView,
  SecretaryCandidateListView,
  appealStaffView,
  AppealView,
  appealView,
} from './dto/appeal.views';

/** The capacities people act in on an appeal (the clock, SYSTEM, is the workflow's own). */
export type AppealPersonActor = Exclude<AppealActor, 'SYSTEM'>;

/** A command as the API receives it: the actor is always the authenticated principal, never the body. */
export type AppealRequest = AppealCommand extends infer C
  ? C extends AppealCommand
    ? C['type'] extends 'WINDOW_CLOSED' | 'ACKNOWLEDGEMENT_OVERDUE' | 'RESPONSE_OVERDUE' | 'STATEMENT_OVERDUE'
      ? never
      : Omit<C, 'actor'>
    : never
  : never;

const OPEN_STATUSES = APPEAL_STATUSES.filter((s) => !isFinalAppeal(s));

/**
 * Appeals and complaints over HTTP: who may make one (eligibility), who may see which (need-to-know: the appellant
 * and, never about their own, appeal officers and the panel secretary), and the actions that go to the appeal's
 * workflow as Updates, each outcome turned into a view or a DomainError.
 */
@Injectable()
export class AppealsService {
  private readonly logger = new Logger(AppealsService.name);
  private readonly store: AppealStore;
  private readonly clearances: ClearanceStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    cipher: FieldCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly staff: StaffDirectoryStore,
  ) {
    this.store = new AppealStore(dataSource, cipher);
    this.clearances = new ClearanceStore(dataSource, cipher);
  }

  /** Makes an appeal (staff) or a complaint (a recruit) about a refusal or a withdrawal the caller was subject to. */
  async lodge(principal: Principal, dto: LodgeAppealDto, audit: object): Promise<AppealView> {
    if ((dto.caseId === undefined) === (dto.clearanceId === undefined)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'give exactly one of caseId (a refusal) or clearanceId (a withdrawal)',
        {
          fields: [
            {
              field: dto.caseId ? 'clearanceId' : 'caseId',
              problems: ['exactly one of caseId, clearanceId'],
            },
          ],
        },
      );
    }
    const subject = principal.subject;
    const decision = dto.clearanceId
      ? await this.withdrawal(subject, dto.clearanceId)
      : await this.refusal(subject, dto.caseId ?? '');
    setAuditCaseId(audit, decision.caseId);
    const heldClearance = (await this.clearances.forHolder(subject)).length > 0;
    const alreadyLodged = (await this.store.forDecision(decision.caseId, decision.ground)) !== null;
    const why = appealIneligibility({
      ground: decision.ground,
      heldClearance,
      requested: dto.kind,
      alreadyLodged,
    });
    if (why) throw new DomainError('NOT_ELIGIBLE', why, { caseId: decision.caseId });
    const appealId = decisionAppealId(decision.caseId, decision.ground);
    const state = lodgedAppeal(
      {
        appealId,
        kind: dto.kind,
        ground: decision.ground,
        appellantId: subject,
        sponsorId: decision.sponsorId,
        caseId: decision.caseId,
        clearanceId: decision.clearanceId,
        priorInvolvement: decision.involved.filter((id) => id !== subject),
        grounds: dto.grounds,
      },
      this.config.appeals,
      new Date().toISOString(),
    );
    const budget = new TemporalBudget(this.temporal, this.config.updateTimeoutMs);
    try {
      await budget.send(() =>
        this.temporal.workflow.start<typeof appealWorkflow>('appealWorkflow', {
          workflowId: appealWorkflowId(appealId),
          taskQueue: this.config.temporal.taskQueue,
          args: [{ state, timing: this.config.appeals, aftercare: this.config.dv.aftercare }],
          // One appeal or complaint per decision, ever: the id is derived from the decision.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new DomainError(
          'NOT_ELIGIBLE',
          'an appeal or complaint about this decision has already been made',
          {
            appealId,
          },
        );
      }
      throw new DomainError('TEMPORAL_UNAVAILABLE', 'the appeal could not be started; try again', {});
    }
    this.logger.log({ message: 'appeal lodged', appealId, kind: state.kind, ground: state.ground });
    return appealView(state);
  }

  /** The caller's own appeals and complaints, coarse. */
  async mine(principal: Principal): Promise<AppealView[]> {
    return (await this.store.forAppellant(principal.subject)).map(appealView);
  }

  /**
   * A page of the staff's work list (appeal officers and the panel secretary), never their own, oldest first:
   * open appeals unless a status is asked for; `secretary` me (the caller named), none (none named, older appeals
   * whose column could not be filled among them) or a staff id. Filtered, counted and paged in SQL.
   */
  async queue(principal: Principal, query: AppealQueueQueryDto): Promise<AppealQueueView> {
    const { page, pageSize } = query;
    const secretary =
      query.secretary === 'me' ? principal.subject : query.secretary === 'none' ? null : query.secretary;
    const { items, total } = await this.store.workList({
      viewer: principal.subject,
      statuses: query.status ? [query.status] : OPEN_STATUSES,
      kind: query.kind,
      secretary,
      page,
      pageSize,
    });
    return {
      items: items.map((a) => appealStaffView(a, principal.subject)),
      page,
      pageSize,
      total,
      totalPages: Math.ceil(total / pageSize),
    };
  }

  /**
   * Who the caller may name the appeal's panel secretary (the domain's nameableSecretaries over the directory's
   * panel secretaries), by name: the page's radios, so it offers only names NAME_SECRETARY will accept.
   */
  async secretaryCandidates(
    principal: Principal,
    appealId: string,
    audit: object,
  ): Promise<SecretaryCandidateListView> {
    const state = await this.find(appealId, audit);
    if (!mayActAs(principal, state, 'PANEL_SECRETARY')) throw notFound(appealId);
    // Panel secretaries are a small office: one page of the directory holds them all.
    const { items } = await this.staff.list({ role: 'PANEL_SECRETARY', page: 1, pageSize: 200 });
    const directory = items.some((m) => m.userId === principal.subject)
      ? items
      : // The caller is a panel secretary by token even before the directory has them.
        [...items, { userId: principal.subject, displayName: principal.subject, roles: principal.roles }];
    return {
      items: nameableSecretaries(state, directory).map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        you: m.userId === principal.subject,
      })),
      namedSecretaryId: state.panel?.secretaryId ?? null,
    };
  }

  /** One appeal as the caller may see it; anyone else is told there is none. */
  async read(principal: Principal, appealId: string, audit: object): Promise<AppealView | AppealStaffView> {
    const state = await this.find(appealId, audit);
    if (mayActAs(principal, state, 'APPELLANT')) return appealView(state);
    if (STAFF_ACTORS.some((as) => mayActAs(principal, state, as))) return this.staffView(principal, state);
    throw notFound(appealId);
  }

  /**
   * An appeal's event history for staff (need-to-know as for the appeal: never a party's own), oldest first. The
   * appellant and the clock act under no staff id, so theirs are left out.
   */
  async events(principal: Principal, appealId: string, audit: object): Promise<AppealEventListView> {
    const state = await this.find(appealId, audit);
    if (!STAFF_ACTORS.some((as) => mayActAs(principal, state, as))) throw notFound(appealId);
    const items = (await this.store.events(appealId)).map((e) => ({
      seq: e.seq,
      action: e.action,
      actorRole: e.actorRole,
      actorId: e.actorRole === 'APPELLANT' || e.actorRole === 'SYSTEM' ? null : e.actorId,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      at: e.at,
      side: eventSide(e),
    }));
    const ids = items.map((e) => e.actorId).filter((id): id is string => id !== null);
    return { items, staffNames: Object.fromEntries(await this.staff.namesOf(ids)) };
  }

  /** The staff view with the names of the staff it names (only those: never a way to read the directory). */
  private async staffView(principal: Principal, state: AppealState): Promise<AppealStaffView> {
    const extensions = Object.values(state.panel?.statements ?? {}).flatMap((s) => s.extensions);
    const ids = [
      ...state.priorInvolvement,
      ...(state.sponsorId ? [state.sponsorId] : []),
      ...(state.internal ? [state.internal.by] : []),
      ...(state.panel?.recordedBy ? [state.panel.recordedBy] : []),
      ...(state.panel?.secretaryId ? [state.panel.secretaryId] : []),
      ...(state.complaint?.answeredBy ? [state.complaint.answeredBy] : []),
      ...extensions.map((e) => e.by),
    ];
    const names = Object.fromEntries(await this.staff.namesOf(ids));
    return appealStaffView(state, principal.subject, names);
  }

  /**
   * Names the appeal's panel secretary: someone the staff directory has as a panel secretary (422 otherwise, as
   * naming an unknown line manager is); never a party or anyone involved (the appeal rules, 409).
   */
  async nameSecretary(
    principal: Principal,
    appealId: string,
    secretaryId: string,
    options: { requestId?: string; audit: object },
  ): Promise<AppealView | AppealStaffView> {
    const state = await this.find(appealId, options.audit);
    if (!mayActAs(principal, state, 'PANEL_SECRETARY')) throw notFound(appealId);
    // The caller is a panel secretary by token; anyone else named must be one in the directory.
    const member = secretaryId === principal.subject ? null : await this.staff.find(secretaryId);
    if (secretaryId !== principal.subject && !member?.roles.includes('PANEL_SECRETARY')) {
      const problem = 'must be a panel secretary in the staff directory';
      throw new DomainError('INVALID_COMMAND', `secretaryId ${problem}`, {
        appealId,
        fields: [{ field: 'secretaryId', problems: [problem] }],
      });
    }
    return this.act(principal, appealId, 'PANEL_SECRETARY', { type: 'NAME_SECRETARY', secretaryId }, options);
  }

  /** Applies a command as the principal acting in capacity `as`; answers the appeal as they may see it. */
  async act(
    principal: Principal,
    appealId: string,
    as: AppealPersonActor,
    request: AppealRequest,
    options: { requestId?: string; audit: object },
  ): Promise<AppealView | AppealStaffView> {
    const state = await this.find(appealId, options.audit);
    if (!mayActAs(principal, state, as)) throw notFound(appealId);
    const command = { ...request, actor: { subject: principal.subject, as } } as AppealCommand;
    const party = as === 'APPELLANT';
    // A finished appeal has no workflow to ask; answer from the read-model with the same rules.
    if (isFinalAppeal(state.status)) {
      const verdict = checkAppealCommand(state, command, Date.now());
      if (!verdict.ok) throw refusalError(appealId, verdict.rejection, party);
      throw new DomainError('ILLEGAL_TRANSITION', 'this appeal has finished', {
        appealId,
        appealStatus: state.status,
      });
    }
    const handle = this.temporal.workflow.getHandle(appealWorkflowId(appealId));
    try {
      const budget = new TemporalBudget(this.temporal, this.config.updateTimeoutMs);
      const next = await budget.send(() =>
        handle.executeUpdate(appealCommandUpdate, {
          args: [command],
          ...(options.requestId ? { updateId: `${command.type}:${options.requestId}` } : {}),
        }),
      );
      this.logger.log({
        message: 'appeal action applied',
        appealId,
        action: command.type,
        status: next.status,
      });
      return party ? appealView(next) : await this.staffView(principal, next);
    } catch (error) {
      throw translateUpdateFailure<AppealRejection>(error, {
        what: 'appeal',
        subject: { appealId },
        action: command.type,
        keyed: options.requestId !== undefined,
        rejectionType: APPEAL_REJECTED_FAILURE_TYPE,
        refusal: (rejection) => refusalError(appealId, rejection, party),
        notFound: () => new DomainError('ILLEGAL_TRANSITION', 'this appeal has finished', { appealId }),
        logger: this.logger,
      });
    }
  }

  private async find(appealId: string, audit: object): Promise<AppealState> {
    const state = await this.store.get(appealId);
    if (!state) throw notFound(appealId);
    setAuditCaseId(audit, state.caseId);
    return state;
  }

  /** A withdrawal the caller may appeal: their own clearance, withdrawn; and who took part in it. */
  private async withdrawal(subject: string, clearanceId: string): Promise<Decision> {
    const row = await this.clearances.get(clearanceId);
    if (!row || row.holderId !== subject) {
      throw new DomainError('CLEARANCE_NOT_FOUND', `no clearance with id ${clearanceId}`, { clearanceId });
    }
    if (row.status !== 'WITHDRAWN') {
      throw new DomainError('NOT_ELIGIBLE', 'only a withdrawn clearance can be appealed', {
        clearanceId,
        clearanceStatus: row.status,
      });
    }
    const snap = row.snapshot;
    const involved = [
      ...(snap?.withdrawal ? [snap.withdrawal.by] : []),
      ...(snap?.reviewers ?? []),
      ...(row.sponsorId ? [row.sponsorId] : []),
      ...(await this.caseActors(row.caseId)),
    ];
    return { ground: 'WITHDRAWAL', sponsorId: row.sponsorId, caseId: row.caseId, clearanceId, involved };
  }

  /** A refusal the caller may appeal or complain about: their own case, refused; and who took part in it. */
  private async refusal(subject: string, caseId: string): Promise<Decision> {
    const rows: {
      applicant_id: string | null;
      sponsor_id: string | null;
      stage: string;
      officers: string[];
    }[] = await this.dataSource.query(
      `SELECT applicant_id, sponsor_id, stage, investigating_officers AS officers FROM vetting_case WHERE id = $1`,
      [caseId],
    );
    const row = rows[0];
    if (!row || row.applicant_id !== subject) {
      throw new DomainError('CASE_NOT_FOUND', `no case with id ${caseId}`, { caseId });
    }
    if (row.stage !== 'REFUSED') {
      throw new DomainError(
        'NOT_ELIGIBLE',
        'only a refused application can be appealed or complained about',
        {
          caseId,
        },
      );
    }
    const involved = [
      ...row.officers,
      ...(row.sponsor_id ? [row.sponsor_id] : []),
      ...(await this.caseActors(caseId)),
    ];
    return { ground: 'REFUSAL', sponsorId: row.sponsor_id, caseId, clearanceId: null, involved };
  }

  /** Everyone who acted on the case (officers, team leads, adjudicators), from its history. */
  private async caseActors(caseId: string): Promise<string[]> {
    const rows: { actor: string }[] = await this.dataSource.query(
      `SELECT DISTINCT actor FROM case_event WHERE case_id = $1`,
      [caseId],
    );
    return rows.map((r) => r.actor);
  }
}

interface Decision {
  ground: 'REFUSAL' | 'WITHDRAWAL';
  sponsorId: string | null;
  caseId: string;
  clearanceId: string | null;
  involved: string[];
}

/**
 * Whose statement of case an event is about: as recorded, or for a submission recorded before sides were, from
 * who submitted it. Null otherwise, and for an overdue mark or extension recorded before (side not recorded).
 */
function eventSide(e: AppealEventRecord): StatementSide | null {
  if (e.side) return e.side;
  if (e.action !== 'SUBMIT_STATEMENT') return null;
  return e.actorRole === 'APPELLANT' ? 'APPELLANT' : 'DEPARTMENT';
}

const STAFF_ACTORS: readonly AppealPersonActor[] = ['APPEAL_OFFICER', 'DEPARTMENT', 'PANEL_SECRETARY'];

/**
 * Need-to-know: the appellant themself; appeal officers and the department's adjudicators, and the panel
 * secretary, by role, but never a party (the appellant, the sponsor) through a staff role they also hold.
 */
function mayActAs(principal: Principal, state: AppealState, as: AppealPersonActor): boolean {
  const { roles } = principal;
  const subject = principal.subject;
  const party = subject === state.appellantId || subject === state.sponsorId;
  switch (as) {
    case 'APPELLANT':
      return roles.includes('APPLICANT') && subject === state.appellantId;
    case 'APPEAL_OFFICER':
    case 'DEPARTMENT':
      return roles.includes('SENIOR_ADJUDICATOR') && !party;
    case 'PANEL_SECRETARY':
      return roles.includes('PANEL_SECRETARY') && !party;
  }
}

/** The appeal id of a decision: one appeal or complaint per refused case or withdrawn clearance. */
function decisionAppealId(caseId: string, ground: string): string {
  const h = createHash('sha256').update(`appeal:${ground}:${caseId}`).digest('hex');
  // Shaped as a version-4 UUID so it passes the same id checks as every other id.
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function notFound(appealId: string): DomainError {
  return new DomainError('APPEAL_NOT_FOUND', `no appeal with id ${appealId}`);
}

/** A refusal by the appeal rules: 404 for someone else's, 400 bad input, 409 wrong state, window or independence. */
function refusalError(appealId: string, rejection: AppealRejection, party: boolean): DomainError {
  switch (rejection.code) {
    case 'APPEAL_NOT_FOUND':
      return notFound(appealId);
    case 'INVALID_COMMAND':
      return new DomainError('VALIDATION_FAILED', `invalid request: ${rejection.message}`, { appealId });
    default:
      return new DomainError(rejection.code, rejection.message, {
        appealId,
        appealStatus: rejection.status,
        ...(party ? {} : { allowedAppealActions: rejection.allowedActions }),
      });
  }
}
