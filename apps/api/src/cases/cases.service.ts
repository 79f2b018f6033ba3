import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CaseSnapshot } from '../../../../libs/contracts/src';
import {
  allowedActions,
  applicantStatusFor,
  DomainError,
  isStage,
  Principal,
  Stage,
} from '../../../../libs/domain/src';
import { CaseEventEntity, VettingCaseEntity } from '../../../../libs/persistence/src';
import { CaseAccessService } from './case-access.service';
import {
  ApplicantCaseView,
  CaseDetailView,
  CaseEventView,
  CaseListView,
  CaseSummaryView,
  SponsorCaseView,
} from './dto/case.views';
import { ListCasesQueryDto } from './dto/list-cases-query.dto';

const DAY_MS = 86_400_000;

/** The SLA state of the current stage, computed when read so it is never stale. Mirrors slaStateOf below. */
const SLA_STATE_SQL = `(CASE
  WHEN c.status <> 'OPEN' OR c.stage_due_at IS NULL THEN NULL
  WHEN COALESCE(c.clock_paused_since, now()) > c.stage_due_at THEN 'BREACHED'
  WHEN c.stage_at_risk_at IS NOT NULL AND COALESCE(c.clock_paused_since, now()) > c.stage_at_risk_at THEN 'AT_RISK'
  ELSE 'ON_TRACK' END)`;

/** ON_TRACK, AT_RISK or BREACHED for an open case with a due date; a paused clock is judged as of the pause. */
export function slaStateOf(row: VettingCaseEntity, now: number): 'ON_TRACK' | 'AT_RISK' | 'BREACHED' | null {
  if (row.status !== 'OPEN' || !row.stageDueAt) return null;
  const at = row.clockPausedSince?.getTime() ?? now;
  if (at > row.stageDueAt.getTime()) return 'BREACHED';
  if (row.stageAtRiskAt && at > row.stageAtRiskAt.getTime()) return 'AT_RISK';
  return 'ON_TRACK';
}

/** Reads the case read-model (lists, one case with its history). Never writes: activities own the rows. */
@Injectable()
export class CasesService {
  constructor(
    @InjectRepository(VettingCaseEntity) private readonly cases: Repository<VettingCaseEntity>,
    @InjectRepository(CaseEventEntity) private readonly events: Repository<CaseEventEntity>,
    private readonly access: CaseAccessService,
  ) {}

  /** The principal's queues, filtered, oldest first by default. */
  async list(principal: Principal, query: ListCasesQueryDto): Promise<CaseListView> {
    const qb = this.access.scopeToQueues(this.cases.createQueryBuilder('c'), principal);
    if (query.stage) qb.andWhere('c.stage = :stage', { stage: query.stage });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.assignee) qb.andWhere('c.assignee = :assignee', { assignee: query.assignee });
    if (query.unassigned) qb.andWhere('c.assignee IS NULL');
    if (query.sla) qb.andWhere(`${SLA_STATE_SQL} = :sla`, { sla: query.sla });
    if (query.sort === 'urgency') {
      // A paused clock is not urgent; otherwise the nearest (or most overdue) deadline comes first.
      qb.orderBy('c.clock_paused_since IS NOT NULL', 'ASC').addOrderBy('c.stage_due_at', 'ASC', 'NULLS LAST');
    } else {
      // "Oldest first" is the default queue order: the longest-waiting case is the most urgent.
      qb.orderBy('c.opened_at', query.sort === 'newest' ? 'DESC' : 'ASC');
    }
    qb.addOrderBy('c.id', 'ASC');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    const now = Date.now();
    return {
      items: rows.map((row) => toSummary(row, now)),
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

  private async detail(row: VettingCaseEntity): Promise<CaseDetailView> {
    const events = await this.events.find({ where: { caseId: row.id }, order: { seq: 'ASC' } });
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
      allowedActions: isStage(row.stage) ? allowedActions(row.stage) : [],
      rules,
      questionnaire,
      tasks,
      checks,
      recommendation,
      decision,
      dvClockStartedAt: snapshot.dvClockStartedAt,
      history: events.map(toEventView),
    };
  }

  /** The stored snapshot of a case, or null if the workflow has not recorded it yet. */
  async findSnapshot(caseId: string): Promise<CaseSnapshot | null> {
    const row = await this.cases.findOneBy({ id: caseId });
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
  if (view === 'APPLICANT') return applicantView(snapshot);
  const { caseId: id, stage, status, outcome, openedAt, stageEnteredAt, closedAt } = snapshot;
  return { id, stage, status, outcome, openedAt, stageEnteredAt, closedAt };
}

/** The applicant's view: coarse status, plus only what is addressed to them. */
export function applicantView(snapshot: CaseSnapshot): ApplicantCaseView {
  const view: ApplicantCaseView = {
    id: snapshot.caseId,
    status: applicantStatusFor(snapshot.stage),
    openedAt: snapshot.openedAt,
  };
  if (snapshot.stage === 'QUESTIONNAIRE' && snapshot.questionnaire.status === 'RETURNED') {
    view.itemsToFix = snapshot.questionnaire.returnedItems;
  }
  if (snapshot.decision && snapshot.decision.disclosableReasons.length > 0) {
    view.reasons = snapshot.decision.disclosableReasons;
  }
  return view;
}

function notFound(caseId: string): DomainError {
  return new DomainError('CASE_NOT_FOUND', `no case with id ${caseId}`, { caseId });
}

function toSummary(row: VettingCaseEntity, now: number): CaseSummaryView {
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

function toEventView(event: CaseEventEntity): CaseEventView {
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
export function toSnapshot(row: VettingCaseEntity): CaseSnapshot {
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
  };
}
