import type { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import type {
  ApplicationInput,
  DecisionRecord,
  QuestionnaireState,
  RecommendationRecord,
} from '../../../contracts/src';
import type { CaseTask } from '../../../domain/src/case-tasks';
import type { BaselineState } from '../../../domain/src/baseline/baseline.types';
import type { QueueScope } from '../../../domain/src/access';
import { CaseEventEntity } from '../entities/case-event.entity';
import { VettingCaseEntity } from '../entities/vetting-case.entity';
import { caseEventRow, caseSlot } from '../case-store';
import type { FieldCipher } from '../field-cipher';
import type { SealedAppealRow } from '../appeal-store';
import type { SlaState } from './sla-rule';
import { slaStateSql } from './sla-rule';

/** How a case list is ordered: oldest or newest opened first, or most urgent deadline first. */
export type CaseListSort = 'oldest' | 'newest' | 'urgency';

/** The filters and page of a case list; everything is ANDed. */
export interface CaseListFilter {
  stage?: string;
  status?: 'OPEN' | 'CLOSED';
  assignee?: string;
  unassigned?: boolean;
  /** Any of these states (a team lead's escalations are AT_RISK and BREACHED). */
  sla?: SlaState | readonly SlaState[];
  sort: CaseListSort;
  page: number;
  pageSize: number;
}

/** The sealed columns of a case row, opened. */
type SealedCaseColumns =
  'application' | 'questionnaire' | 'tasks' | 'recommendation' | 'decision' | 'baseline';

/** A case row with its sealed columns decrypted. */
export type CaseRecord = Omit<VettingCaseEntity, SealedCaseColumns> & {
  application: ApplicationInput | null;
  questionnaire: QuestionnaireState | null;
  tasks: CaseTask[];
  recommendation: RecommendationRecord | null;
  decision: DecisionRecord | null;
  baseline: BaselineState | null;
};

/** A case event with its payload decrypted. */
export type CaseEventRecord = Omit<CaseEventEntity, 'payload'> & { payload: Record<string, unknown> };

/** A write for the case that the database refused for good (see activities/activity-failures.ts). */
export interface CaseAlertRecord {
  activity: string;
  occurredAt: Date;
}

/** What CaseReadModel.caseDetail reads besides the case row. */
export interface CaseDetailRecord {
  events: CaseEventRecord[];
  alerts: CaseAlertRecord[];
  possibleDuplicateOf: string | null;
  /** The applicant's decided appeals, still sealed (AppealStore.rerunAmong opens them). */
  decidedAppeals: SealedAppealRow[];
  /** The names of the staff the case names, by user id. */
  staffNames: Map<string, string>;
}

/** The row of caseDetail's statement: each array is null when there is nothing to aggregate. */
interface DetailRow {
  eventIds: string[] | null;
  eventSeqs: number[] | null;
  eventActors: string[] | null;
  eventActions: string[] | null;
  eventFromStages: (string | null)[] | null;
  eventToStages: string[] | null;
  eventOccurredAt: Date[] | null;
  eventPayloads: string[] | null;
  alertActivities: string[] | null;
  alertOccurredAt: Date[] | null;
  appealIds: string[] | null;
  appealSnapshots: string[] | null;
  staffIds: string[] | null;
  staffNames: string[] | null;
  possibleDuplicateOf: string | null;
}

/** The case row's SELECT and the properties whose entity transformers must be applied to what pg returns. */
interface CaseSelect {
  sql: string;
  transformed: [string, (value: unknown) => unknown][];
}

/** One page of a case list and how many cases match in all. */
export interface CasePage {
  rows: CaseRecord[];
  total: number;
}

/**
 * Reads of the case read-model (`vetting_case`, `case_event`) for the case list and case views. Never writes:
 * the case activities own the rows. Opens the sealed columns (application, questionnaire, tasks,
 * recommendation, decision) and event payloads with `cipher`.
 */
export class CaseReadModel {
  private readonly cases: Repository<VettingCaseEntity>;
  private readonly events: Repository<CaseEventEntity>;
  private caseSelectMemo: CaseSelect | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly cipher: FieldCipher,
  ) {
    this.cases = db.getRepository(VettingCaseEntity);
    this.events = db.getRepository(CaseEventEntity);
  }

  /**
   * One case's row, or null (not recorded yet, or no such case). Every case read starts here, so it is one
   * plain statement rather than TypeORM's find (whose query building and row mapping were a large share of a
   * read's CPU, issue 13); the columns and their mapping come from the entity's metadata, so the row is the same
   * as `findOneBy` returns (test/integration/read-model.spec.ts compares them).
   */
  async findCase(caseId: string): Promise<CaseRecord | null> {
    const { sql, transformed } = this.caseSelect();
    const rows = await this.db.query<Record<string, unknown>[]>(`${sql} WHERE id = $1`, [caseId]);
    const row = rows[0];
    if (!row) return null;
    for (const [property, from] of transformed) row[property] = from(row[property]);
    return this.open(row as unknown as VettingCaseEntity);
  }

  /** The SELECT of every column of `vetting_case` as its entity property, worked out once from the metadata. */
  private caseSelect(): CaseSelect {
    if (this.caseSelectMemo) return this.caseSelectMemo;
    const columns = this.db.getMetadata(VettingCaseEntity).columns.filter((c) => !c.isVirtual);
    const list = columns.map((c) => `"${c.databaseName}" AS "${c.propertyName}"`).join(', ');
    const transformed: CaseSelect['transformed'] = [];
    for (const column of columns) {
      const transformers = [column.transformer ?? []].flat();
      // TypeORM applies an array of transformers last to first when reading.
      if (transformers.length > 0) {
        const from = (value: unknown): unknown => transformers.reduceRight((v, t) => t.from(v), value);
        transformed.push([column.propertyName, from]);
      }
    }
    this.caseSelectMemo = { sql: `SELECT ${list} FROM vetting_case`, transformed };
    return this.caseSelectMemo;
  }

  /**
   * What an officer's view of a case shows besides its row, in one statement rather than five: its events in
   * order (payloads opened), its open alerts, the intake's possible duplicate, the applicant's decided appeals
   * (sealed, for AppealStore.rerunAmong) and the names of the staff the case names (assignee, investigating
   * officers, the actors of its events: only those, so the case never reads the whole directory).
   */
  async caseDetail(row: CaseRecord): Promise<CaseDetailRecord> {
    const named = [row.assignee, ...row.investigatingOfficers].filter((id): id is string => id !== null);
    // Parallel arrays, so every value comes back typed by the pg driver as a column of its own would be
    // (timestamptz as Date to the millisecond, integers as numbers): JSON would change both.
    const [r] = await this.db.query<DetailRow[]>(
      `SELECT ev.*, al.*, ap.*, sm.*,
              (SELECT possible_duplicate_of FROM application_intake WHERE case_id = $1) AS "possibleDuplicateOf"
         FROM (SELECT array_agg(id ORDER BY seq) AS "eventIds", array_agg(seq ORDER BY seq) AS "eventSeqs",
                      array_agg(actor ORDER BY seq) AS "eventActors", array_agg(action ORDER BY seq) AS "eventActions",
                      array_agg(from_stage ORDER BY seq) AS "eventFromStages",
                      array_agg(to_stage ORDER BY seq) AS "eventToStages",
                      array_agg(occurred_at ORDER BY seq) AS "eventOccurredAt",
                      array_agg(payload ORDER BY seq) AS "eventPayloads"
                 FROM case_event WHERE case_id = $1) ev,
              (SELECT array_agg(activity ORDER BY occurred_at, id) AS "alertActivities",
                      array_agg(occurred_at ORDER BY occurred_at, id) AS "alertOccurredAt"
                 FROM activity_failure WHERE case_id = $1 AND resolved_at IS NULL) al,
              (SELECT array_agg(id) AS "appealIds", array_agg(snapshot) AS "appealSnapshots"
                 FROM (SELECT id, snapshot FROM appeal
                        WHERE appellant_id = $2 AND status = 'PANEL_DECIDED' LIMIT 100) a) ap,
              (SELECT array_agg(user_id) AS "staffIds", array_agg(display_name) AS "staffNames"
                 FROM staff_member
                WHERE user_id = ANY ($3::text[] || ARRAY(SELECT actor FROM case_event WHERE case_id = $1))) sm`,
      [row.id, row.applicantId, named],
    );
    const ids = r?.eventIds ?? [];
    const events = ids.map((id, i): CaseEventRecord => {
      const seq = (r?.eventSeqs ?? [])[i];
      return {
        id,
        caseId: row.id,
        seq,
        actor: (r?.eventActors ?? [])[i],
        action: (r?.eventActions ?? [])[i],
        fromStage: (r?.eventFromStages ?? [])[i] ?? null,
        toStage: (r?.eventToStages ?? [])[i],
        occurredAt: (r?.eventOccurredAt ?? [])[i],
        payload: this.openPayload(row.id, seq, (r?.eventPayloads ?? [])[i]),
      };
    });
    const alertTimes = r?.alertOccurredAt ?? [];
    const appealSnapshots = r?.appealSnapshots ?? [];
    const staffNames = r?.staffNames ?? [];
    return {
      events,
      alerts: (r?.alertActivities ?? []).map((activity, i) => ({ activity, occurredAt: alertTimes[i] })),
      possibleDuplicateOf: r?.possibleDuplicateOf ?? null,
      decidedAppeals: (r?.appealIds ?? []).map((id, i) => ({ id, snapshot: appealSnapshots[i] })),
      staffNames: new Map((r?.staffIds ?? []).map((id, i) => [id, staffNames[i]])),
    };
  }

  /** A case's events in the order they happened. */
  async caseEvents(caseId: string): Promise<CaseEventRecord[]> {
    const rows = await this.events.find({ where: { caseId }, order: { seq: 'ASC' } });
    return rows.map((row) => ({ ...row, payload: this.openPayload(row.caseId, row.seq, row.payload) }));
  }

  private openPayload(caseId: string, seq: number, payload: string): Record<string, unknown> {
    return (
      this.cipher.openJson<Record<string, unknown>>(payload, {
        field: 'case_event.payload',
        row: caseEventRow(caseId, seq),
      }) ?? {}
    );
  }

  private open(row: VettingCaseEntity): CaseRecord {
    return {
      ...row,
      application: this.cipher.openJson<ApplicationInput>(
        row.application,
        caseSlot('vetting_case.application', row.id),
      ),
      questionnaire: this.cipher.openJson<QuestionnaireState>(
        row.questionnaire,
        caseSlot('vetting_case.questionnaire', row.id),
      ),
      tasks: this.cipher.openJson<CaseTask[]>(row.tasks, caseSlot('vetting_case.tasks', row.id)) ?? [],
      recommendation: this.cipher.openJson<RecommendationRecord>(
        row.recommendation,
        caseSlot('vetting_case.recommendation', row.id),
      ),
      decision: this.cipher.openJson<DecisionRecord>(row.decision, caseSlot('vetting_case.decision', row.id)),
      baseline: this.cipher.openJson<BaselineState>(row.baseline, caseSlot('vetting_case.baseline', row.id)),
    };
  }

  /**
   * The case's open alerts: writes the database refused for good (activity_failure, not yet resolved), oldest
   * first. Only which activity and when: the table holds no value, and nothing here would show one.
   */
  async openAlerts(caseId: string): Promise<CaseAlertRecord[]> {
    const rows = await this.db.query<{ activity: string; occurred_at: Date }[]>(
      `SELECT activity, occurred_at FROM activity_failure
       WHERE case_id = $1 AND resolved_at IS NULL ORDER BY occurred_at, id`,
      [caseId],
    );
    return rows.map((r) => ({ activity: r.activity, occurredAt: r.occurred_at }));
  }

  /** Everyone who assigned an officer to the case (from its history), for the four-eyes rules. */
  async caseAssigners(caseId: string): Promise<string[]> {
    const rows = await this.events
      .createQueryBuilder('e')
      .select('DISTINCT e.actor', 'actor')
      .where('e.case_id = :caseId AND e.action = :action', { caseId, action: 'ASSIGN_OFFICER' })
      .getRawMany<{ actor: string }>();
    return rows.map((r) => r.actor);
  }

  /** The cases in `scope` that match `filter`, one page of them, in the requested order. */
  async list(scope: QueueScope, filter: CaseListFilter): Promise<CasePage> {
    const qb = scoped(this.cases.createQueryBuilder('c'), scope);
    if (filter.stage) qb.andWhere('c.stage = :stage', { stage: filter.stage });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.assignee) qb.andWhere('c.assignee = :assignee', { assignee: filter.assignee });
    if (filter.unassigned) qb.andWhere('c.assignee IS NULL');
    const slas = filter.sla === undefined ? [] : [filter.sla].flat();
    if (slas.length > 0) qb.andWhere(`${slaStateSql('c')} IN (:...slas)`, { slas });
    if (filter.sort === 'urgency') {
      // A paused clock is not urgent; otherwise the nearest (or most overdue) deadline comes first.
      qb.orderBy('c.clock_paused_since IS NOT NULL', 'ASC').addOrderBy('c.stage_due_at', 'ASC', 'NULLS LAST');
    } else {
      // "Oldest first" is the default queue order: the longest-waiting case is the most urgent.
      qb.orderBy('c.opened_at', filter.sort === 'newest' ? 'DESC' : 'ASC');
    }
    qb.addOrderBy('c.id', 'ASC');
    // The count comes from the counters when they can answer it; otherwise a plain COUNT(*) over the same
    // filter: TypeORM's getManyAndCount counts DISTINCT ids, which sorts every matching id (a case row is one row
    // here, so DISTINCT changes nothing but the cost).
    const total =
      (await this.countedTotal(scope, filter)) ??
      (await qb.clone().select('COUNT(*)::int', 'total').orderBy().getRawOne<{ total: number }>())?.total ??
      0;
    const rows = await qb
      .offset((filter.page - 1) * filter.pageSize)
      .limit(filter.pageSize)
      .getMany();
    return { rows: rows.map((row) => this.open(row)), total };
  }

  /**
   * The list's total from `case_counter` (open/closed cases per team and stage), for the lists that filter on
   * nothing but status, stage and one team or stage queue (an admin's, a team lead's, a senior adjudicator's):
   * null for any other. The principal's own cases (applicant or sponsor) never show in a staff queue, so they are
   * counted off the party indexes and taken away, in the same statement (one snapshot).
   */
  protected async countedTotal(scope: QueueScope, filter: CaseListFilter): Promise<number | null> {
    if (filter.assignee || filter.unassigned || filter.sla) return null;
    const queues = [scope.assignee, scope.team, scope.stage].filter((q) => q !== null).length;
    if (!scope.all && (queues !== 1 || scope.assignee !== null)) return null;
    const team = scope.all ? null : scope.team;
    // A queue stage and a filter stage that differ match nothing; the counters then say 0 by themselves.
    const stages = [filter.stage ?? null, scope.all ? null : scope.stage].filter((s) => s !== null);
    if (team === '' || stages.includes('')) return null;
    const params = [filter.status ?? null, stages, team, scope.party];
    const [row] = await this.db.query<{ total: number }[]>(
      `SELECT (SELECT COALESCE(sum(n), 0) FROM case_counter
                WHERE metric = 'status' AND ($1::text IS NULL OR key = $1) AND stage = ALL ($2::text[])
                  AND ($3::text IS NULL OR team = $3))
            - (SELECT count(*) FROM vetting_case
                WHERE (applicant_id = $4 OR sponsor_id = $4) AND ($1::text IS NULL OR status = $1)
                  AND stage = ALL ($2::text[]) AND ($3::text IS NULL OR team = $3)) AS total`,
      params,
    );
    return Number(row?.total ?? 0);
  }

  /**
   * The cases whose `column` names `subject` (an applicant's own, a sponsor's sponsored), newest first: the
   * relation itself is the need-to-know, so it is part of the query rather than a filter the caller chooses.
   */
  async listRelated(
    column: 'applicant_id' | 'sponsor_id',
    subject: string,
    filter: { status?: 'OPEN' | 'CLOSED'; page: number; pageSize: number },
  ): Promise<CasePage> {
    const qb = this.cases.createQueryBuilder('c').where(`c.${column} = :subject`, { subject });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    qb.orderBy('c.opened_at', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { rows: rows.map((row) => this.open(row)), total };
  }

  /**
   * The cases held in AWAITING_SPONSOR that name `sponsorId`, oldest first (the first to lapse on top): the
   * naming is the need-to-know, so it is part of the query, as in listRelated.
   */
  async listSponsorshipRequests(
    sponsorId: string,
    page: { page: number; pageSize: number },
  ): Promise<CasePage> {
    const [rows, total] = await this.cases
      .createQueryBuilder('c')
      .where(`c.stage = 'AWAITING_SPONSOR' AND c.requested_sponsor_id = :sponsorId`, { sponsorId })
      .orderBy('c.opened_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .skip((page.page - 1) * page.pageSize)
      .take(page.pageSize)
      .getManyAndCount();
    return { rows: rows.map((row) => this.open(row)), total };
  }

  /**
   * True when a record check of this type was ever started for the case, or the case is closed: a provider
   * callback that finds no running check then answers CASE_CLOSED rather than UNKNOWN_CASE.
   */
  async checkExistedOrCaseClosed(caseId: string, checkType: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM record_check WHERE case_id = $1 AND check_type = $2
       UNION ALL SELECT 1 FROM vetting_case WHERE id = $1 AND status = 'CLOSED'
       LIMIT 1`,
      [caseId, checkType],
    );
    return rows.length > 0;
  }
}

/** Restricts a case query to the scope's queues (see queueScopeFor). */
function scoped(
  qb: SelectQueryBuilder<VettingCaseEntity>,
  scope: QueueScope,
): SelectQueryBuilder<VettingCaseEntity> {
  // Nobody's staff queue holds a case they are the applicant or sponsor of.
  qb.andWhere('c.applicant_id IS DISTINCT FROM :scopeParty AND c.sponsor_id IS DISTINCT FROM :scopeParty', {
    scopeParty: scope.party,
  });
  if (scope.all) return qb;
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  if (scope.assignee !== null) {
    clauses.push('c.assignee = :scopeAssignee');
    params.scopeAssignee = scope.assignee;
  }
  if (scope.team !== null) {
    clauses.push('c.team = :scopeTeam');
    params.scopeTeam = scope.team;
  }
  if (scope.stage !== null) {
    clauses.push('c.stage = :scopeStage');
    params.scopeStage = scope.stage;
  }
  return qb.andWhere(clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'false', params);
}
