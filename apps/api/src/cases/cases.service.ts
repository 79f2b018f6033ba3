import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseSnapshot, caseFactsOf } from '../../../../libs/contracts/src';
import {
  applicantOutcomeFor,
  applicantStatusFor,
  availableActions,
  baselinePolicyOf,
  DomainError,
  isStage,
  Principal,
  queueScopeFor,
  REFUSED_WRITE_ADVICE,
  refusedWriteMeaning,
  Stage,
} from '../../../../libs/domain/src';
import {
  AppealStore,
  CaseEventRecord,
  CaseReadModel,
  slaStateOf,
  CaseRecord,
  FieldCipher,
  QuestionnaireStore,
  StaffDirectoryStore,
} from '../../../../libs/persistence/src';
import { CaseAccessService } from './case-access.service';
import {
  ApplicantCaseListView,
  ApplicantCaseView,
  BaselineDeclarationView,
  BaselineDraftView,
  CaseDetailView,
  CaseEventView,
  CaseListView,
  CaseSummaryView,
  SponsorCaseView,
  SponsoredCaseListView,
  SponsorshipRequestListView,
  SponsorshipRequestView,
} from './dto/case.views';
import { PageQueryDto } from '../common/page-query.dto';
import { ListCasesQueryDto } from './dto/list-cases-query.dto';
import { RelatedCasesQueryDto } from './dto/related-cases-query.dto';

const DAY_MS = 86_400_000;

/** Reads the case read-model (lists, one case with its history). Never writes: activities own the rows. */
@Injectable()
export class CasesService {
  private readonly appeals: AppealStore;

  constructor(
    private readonly readModel: CaseReadModel,
    private readonly access: CaseAccessService,
    private readonly staff: StaffDirectoryStore,
    @InjectDataSource() dataSource: DataSource,
    cipher: FieldCipher,
    private readonly drafts: QuestionnaireStore,
  ) {
    this.appeals = new AppealStore(dataSource, cipher);
  }

  /** The principal's queues, filtered, oldest first by default. */
  async list(principal: Principal, query: ListCasesQueryDto): Promise<CaseListView> {
    const { rows, total } = await this.readModel.list(queueScopeFor(principal), query);
    const now = Date.now();
    const assignees = rows.map((row) => row.assignee).filter((id): id is string => id !== null);
    return {
      items: rows.map((row) => toSummary(row, now)),
      page: query.page,
      pageSize: query.pageSize,
      total,
      totalPages: Math.ceil(total / query.pageSize),
      staffNames: Object.fromEntries(await this.staff.namesOf(assignees)),
    };
  }

  /** The applicant's own applications, newest first, in the coarse vocabulary they are told. */
  async listOwnApplications(
    principal: Principal,
    query: RelatedCasesQueryDto,
  ): Promise<ApplicantCaseListView> {
    const page = await this.related('applicant_id', principal.subject, query);
    return { ...page, items: page.rows.map((row) => applicantView(toSnapshot(row))) };
  }

  /** The cases the sponsor sponsors, newest first: stage, dates and outcome, never findings. */
  async listSponsored(principal: Principal, query: RelatedCasesQueryDto): Promise<SponsoredCaseListView> {
    const page = await this.related('sponsor_id', principal.subject, query);
    return {
      ...page,
      items: page.rows.map((row) => sponsorView(toSnapshot(row))),
    };
  }

  /** The applications held for the principal's confirmation as their sponsor, oldest first. */
  async listSponsorshipRequests(
    principal: Principal,
    query: PageQueryDto,
  ): Promise<SponsorshipRequestListView> {
    const { rows, total } = await this.readModel.listSponsorshipRequests(principal.subject, query);
    return {
      items: rows.map(sponsorshipRequestView),
      page: query.page,
      pageSize: query.pageSize,
      total,
      totalPages: Math.ceil(total / query.pageSize),
    };
  }

  /**
   * A page of the cases whose `column` names the principal; the relation itself is the need-to-know, so it is
   * part of the query rather than a filter the caller chooses.
   */
  private async related(
    column: 'applicant_id' | 'sponsor_id',
    subject: string,
    query: RelatedCasesQueryDto,
  ): Promise<{
    rows: CaseRecord[];
    page: number;
    pageSize: number;
    total: number;
    totalPages: number;
  }> {
    const { rows, total } = await this.readModel.listRelated(column, subject, query);
    return {
      rows,
      page: query.page,
      pageSize: query.pageSize,
      total,
      totalPages: Math.ceil(total / query.pageSize),
    };
  }

  /** One case, shaped by what the principal may see of it. */
  async getFor(
    principal: Principal,
    caseId: string,
    accessReason?: string,
  ): Promise<CaseDetailView | SponsorCaseView | ApplicantCaseView> {
    const visible = await this.access.load(principal, caseId, accessReason);
    if (visible.view === 'FULL') return this.detail(visible.row);
    return restrictedView(toSnapshot(visible.row), visible.view);
  }

  /**
   * The applicant's own last baseline declaration, from the sealed payload of the case's latest SUBMIT_BASELINE
   * event, so that after "needs more information" they change only what was asked. Need-to-know: the applicant
   * of the case alone (officers read it in the case history); anyone else gets the 404 of a case they may not see.
   */
  async ownBaselineDeclaration(principal: Principal, caseId: string): Promise<BaselineDeclarationView> {
    const visible = await this.access.load(principal, caseId);
    if (visible.view !== 'APPLICANT') throw notFound(caseId);
    const events = await this.readModel.caseEvents(caseId);
    const latest = events.filter((e) => e.action === 'SUBMIT_BASELINE').at(-1);
    const declaration = latest?.payload.declaration;
    const plain =
      typeof declaration === 'object' && declaration !== null && !Array.isArray(declaration)
        ? (declaration as Record<string, unknown>)
        : null;
    return {
      caseId,
      declaration: plain,
      submittedAt: plain && latest ? latest.occurredAt.toISOString() : null,
    };
  }

  /**
   * The applicant's baseline declaration as they saved it to come back to; only the applicant of the case (a
   * draft is theirs alone: officers see what was sent).
   */
  async ownBaselineDraft(principal: Principal, caseId: string): Promise<BaselineDraftView> {
    const visible = await this.access.load(principal, caseId);
    if (visible.view !== 'APPLICANT') throw notFound(caseId);
    const draft = await this.drafts.getBaselineDraft(caseId);
    return {
      caseId,
      content: draft?.content ?? null,
      version: draft?.version ?? 0,
      updatedAt: draft?.updatedAt.toISOString() ?? null,
    };
  }

  /**
   * Keeps the applicant's declaration so far, while the case waits for it (first or after a request for more);
   * returns the draft's new version. Incomplete answers are fine: they are judged when sent. `expectedVersion`
   * (from If-Match) makes a save from a stale copy (another tab, another device) fail instead of overwriting
   * newer answers, as the questionnaire's draft does; without it the save wins.
   */
  async saveBaselineDraft(
    principal: Principal,
    caseId: string,
    content: object,
    expectedVersion?: number,
  ): Promise<number> {
    const visible = await this.access.load(principal, caseId);
    if (visible.view !== 'APPLICANT') throw notFound(caseId);
    const status = toSnapshot(visible.row).baseline?.status;
    if (
      visible.row.stage !== 'BASELINE_CHECKS' ||
      (status !== 'AWAITING' && status !== 'NEEDS_INFORMATION')
    ) {
      // The applicant sees only the coarse status, so the refusal names neither the stage nor its actions.
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        'your baseline answers can only be saved while we are waiting for them',
        { caseId },
      );
    }
    const result = await this.drafts.saveBaselineDraft(caseId, content, principal.subject, expectedVersion);
    if (!result.saved) {
      throw new DomainError(
        'STALE_STAGE',
        `your saved answers changed since you loaded them (you loaded version ${expectedVersion ?? 0}, they are ` +
          `now version ${result.currentVersion}); reload them and try again`,
        { caseId },
      );
    }
    return result.version;
  }

  /** Forgets the case's baseline draft once the declaration is sent (the sent one is in the case history). */
  async forgetBaselineDraft(caseId: string): Promise<void> {
    await this.drafts.deleteBaselineDraft(caseId);
  }

  private async detail(row: CaseRecord): Promise<CaseDetailView> {
    // One statement for the history, alerts, intake, re-run appeal and staff names (was five in sequence: the
    // round trips and TypeORM's query building were a large share of a case read's CPU, issue 13).
    const { events, alerts, possibleDuplicateOf, decidedAppeals, staffNames } =
      await this.readModel.caseDetail(row);
    const snapshot = toSnapshot(row);
    const {
      investigatingOfficers,
      eligibility,
      rules,
      questionnaire,
      tasks,
      checks,
      recommendation,
      decision,
    } = snapshot;
    return {
      ...toSummary(row, Date.now()),
      investigatingOfficers,
      eligibility,
      application: row.application,
      // What would be accepted now, by the rules themselves: an action offered is an action accepted.
      allowedActions: isStage(row.stage) ? availableActions(caseFactsOf(snapshot)) : [],
      rules,
      questionnaire,
      tasks,
      checks,
      recommendation,
      decision,
      baseline: snapshot.baseline ?? null,
      dvClockStartedAt: snapshot.dvClockStartedAt,
      history: events.map(toEventView),
      alerts: alerts.map((alert) => ({
        activity: alert.activity,
        occurredAt: alert.occurredAt.toISOString(),
        meaning: refusedWriteMeaning(alert.activity),
        advice: REFUSED_WRITE_ADVICE,
      })),
      possibleDuplicateOf,
      renewalOf: row.renewalOf ?? null,
      rerunOfAppeal: row.applicantId ? this.appeals.rerunAmong(row.id, decidedAppeals) : null,
      // Names of the staff the case refers to only (caseDetail reads no others), so the case view never becomes
      // a way to read the staff directory.
      staffNames: Object.fromEntries(staffNames),
    };
  }

  /** The stored snapshot of a case, or null if the workflow has not recorded it yet. */
  async findSnapshot(caseId: string): Promise<CaseSnapshot | null> {
    const row = await this.readModel.findCase(caseId);
    return row ? toSnapshot(row) : null;
  }

  /** Throws CASE_NOT_FOUND unless the case exists; returns its stored snapshot. */
  async requireSnapshot(caseId: string): Promise<CaseSnapshot> {
    const snapshot = await this.findSnapshot(caseId);
    if (!snapshot) throw notFound(caseId);
    return snapshot;
  }
}

/** What sponsors and applicants see: never findings, officers or history. */
export function restrictedView(
  snapshot: CaseSnapshot,
  view: 'SPONSOR' | 'APPLICANT',
): SponsorCaseView | ApplicantCaseView {
  return view === 'APPLICANT' ? applicantView(snapshot) : sponsorView(snapshot);
}

/** The sponsor's view: stage, dates and outcome. */
export function sponsorView(snapshot: CaseSnapshot): SponsorCaseView {
  const { caseId: id, stage, status, outcome, openedAt, stageEnteredAt, closedAt } = snapshot;
  return { id, stage, status, outcome, openedAt, stageEnteredAt, closedAt };
}

/** The applicant's view: coarse status, plus only what is addressed to them, and the outcome in words. */
export function applicantView(snapshot: CaseSnapshot): ApplicantCaseView {
  const view: ApplicantCaseView = {
    id: snapshot.caseId,
    status: applicantStatusFor(snapshot.stage, snapshot.questionnaire.status, snapshot.baseline?.status),
    openedAt: snapshot.openedAt,
  };
  // Their own clearance, so that the page can say this is its renewal; nothing about who started it, or why.
  if (snapshot.renewalOf) view.renewalOf = snapshot.renewalOf;
  if (snapshot.stage === 'QUESTIONNAIRE' && snapshot.questionnaire.status === 'RETURNED') {
    view.itemsToFix = snapshot.questionnaire.returnedItems;
  }
  if (snapshot.stage === 'BASELINE_CHECKS') {
    // The applicant's own task in this stage (send the declaration, or more information, or wait for review).
    const status = snapshot.baseline?.status;
    view.baselineStatus = status === 'SUBMITTED' || status === 'NEEDS_INFORMATION' ? status : 'AWAITING';
    // The figures the API will judge the declaration by, so that the form asks in the same terms.
    view.baselinePolicy = baselinePolicyOf(snapshot.baseline);
    if (status === 'NEEDS_INFORMATION') view.itemsToFix = snapshot.baseline?.missingItems ?? [];
  }
  const decided = applicantOutcomeFor(
    snapshot.stage,
    snapshot.decision?.disclosableReasons ?? [],
    snapshot.eligibility?.reasons ?? [],
  );
  if (decided) {
    view.outcome = decided.outcome;
    view.message = decided.message;
    if (decided.reasons.length > 0) view.reasons = decided.reasons;
  }
  return view;
}

function notFound(caseId: string): DomainError {
  return new DomainError('CASE_NOT_FOUND', `no case with id ${caseId}`, { caseId });
}

function toSummary(row: CaseRecord, now: number): CaseSummaryView {
  return {
    id: row.id,
    stage: row.stage as Stage,
    status: row.status,
    outcome: row.outcome,
    assignee: row.assignee,
    openedAt: row.openedAt.toISOString(),
    stageEnteredAt: row.stageEnteredAt.toISOString(),
    stageDueAt: row.stageDueAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    ageDays: Math.floor(((row.closedAt?.getTime() ?? now) - row.openedAt.getTime()) / DAY_MS),
    daysInStage: Math.floor(((row.closedAt?.getTime() ?? now) - row.stageEnteredAt.getTime()) / DAY_MS),
    slaState: slaStateOf(row, now),
    stageGoalAt: row.stageGoalAt?.toISOString() ?? null,
    clockPausedSince: row.clockPausedSince?.toISOString() ?? null,
    vettingClockMs: row.vettingClockMs,
    waitingClockMs: row.waitingClockMs,
    version: row.version,
  };
}

function toEventView(event: CaseEventRecord): CaseEventView {
  return {
    seq: event.seq,
    actor: event.actor,
    action: event.action,
    fromStage: event.fromStage,
    toStage: event.toStage,
    occurredAt: event.occurredAt.toISOString(),
    payload: event.payload,
  };
}

/** Rebuilds the workflow snapshot shape from the read-model row. */
/** What the sponsor a held case names needs to recognise the candidate; nothing from screening or vetting. */
function sponsorshipRequestView(row: CaseRecord): SponsorshipRequestView {
  const application = row.application;
  return {
    caseId: row.id,
    receivedAt: row.openedAt.toISOString(),
    respondBy: row.stageDueAt?.toISOString() ?? null,
    applicant: {
      givenName: application?.givenName ?? '',
      familyName: application?.familyName ?? '',
      email: application?.email ?? '',
      intendedStartDate: application?.intendedStartDate ?? '',
    },
  };
}

export function toSnapshot(row: CaseRecord): CaseSnapshot {
  return {
    caseId: row.id,
    stage: row.stage as Stage,
    status: row.status,
    outcome: row.outcome as CaseSnapshot['outcome'],
    assignee: row.assignee,
    investigatingOfficers: row.investigatingOfficers,
    openedAt: row.openedAt.toISOString(),
    stageEnteredAt: row.stageEnteredAt.toISOString(),
    stageDueAt: row.stageDueAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    lastEventSeq: row.lastEventSeq,
    eligibility: row.eligibility,
    team: row.team,
    sponsorId: row.sponsorId,
    requestedSponsorId: row.requestedSponsorId,
    applicantId: row.applicantId,
    rules: row.rules,
    questionnaire: row.questionnaire ?? {
      status: 'AWAITING',
      version: 0,
      submittedAt: null,
      acceptedAt: null,
      returnedItems: [],
    },
    tasks: row.tasks,
    checks: row.checks,
    recommendation: row.recommendation,
    decision: row.decision,
    dvClockStartedAt: row.dvClockStartedAt?.toISOString() ?? null,
    clock: row.clock,
    baseline: row.baseline,
    // Only on a renewal case, as the workflow's own snapshot has it.
    ...(row.renewalOf ? { renewalOf: row.renewalOf } : {}),
  };
}
