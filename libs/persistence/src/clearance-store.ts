import type { DataSource } from 'typeorm';
import { caseSlot } from './case-store';
import type { FieldCipher, FieldSlot } from './field-cipher';
import type { DecisionCondition } from '../../domain/src/case-tasks';
import type {
  ClearanceState,
  ClearanceStatus,
  Renewal,
  ReviewTaskKind,
} from '../../domain/src/clearance/index';
import { adjudicationQueueMove, checksStillRunning, lookupStatus } from '../../domain/src/clearance/index';

/** A clearance to record when a decision grants one. */
export interface NewClearance {
  caseId: string;
  personId: string;
  level: 'DV';
  grantedOn: string;
  reviewDue: string;
  conditions: DecisionCondition[];
  /** The opaque id the clearance-held workflow is keyed by; absent for clearances granted before it existed. */
  clearanceId?: string;
  sponsorId?: string | null;
}

/** What a sponsor may learn about a person: the status of their latest clearance, or NONE. */
export type ClearanceLookupStatus = ClearanceStatus | 'NONE';

/** One event in a clearance's history, written once whatever retries happen. */
export interface ClearanceEventRecord {
  clearanceId: string;
  seq: number;
  action: string;
  actorRole: string;
  actorId: string;
  fromStatus: ClearanceStatus;
  toStatus: ClearanceStatus;
  at: string;
  detail: Record<string, unknown>;
}

/** A clearance row as the API reads it. */
export interface ClearanceRow {
  clearanceId: string;
  caseId: string;
  holderId: string;
  sponsorId: string | null;
  status: ClearanceStatus;
  grantedOn: string;
  reviewDue: string;
  snapshot: ClearanceState | null;
}

interface RawRow {
  id: string;
  case_id: string;
  person_id: string;
  sponsor_id: string | null;
  status: ClearanceStatus;
  granted_on: string;
  review_due: string;
  /** Sealed (`clearance.snapshot`). */
  snapshot: string | null;
}

const SELECT = `SELECT id, case_id, person_id, sponsor_id, status, to_char(granted_on, 'YYYY-MM-DD') AS granted_on,
  to_char(review_due, 'YYYY-MM-DD') AS review_due, snapshot FROM clearance`;

/** The slots of a clearance's sealed values: its conditions by case, its snapshot by clearance, events by seq. */
export const clearanceSlots = {
  conditions: (caseId: string): FieldSlot => ({ field: 'clearance.conditions', row: caseId }),
  snapshot: (clearanceId: string): FieldSlot => ({ field: 'clearance.snapshot', row: clearanceId }),
  eventDetail: (clearanceId: string, seq: number): FieldSlot => ({
    field: 'clearance_event.detail',
    row: `${clearanceId}:${seq}`,
  }),
};

/**
 * What the officers' review-task queue needs of the open tasks, kept beside the sealed snapshot: no free text.
 * The assignee is a plain staff id (as `reviewers`); rows written before assignment existed have none, which
 * reads as unassigned, as those tasks were. `awaitingResults` says a record check re-run for the task has not
 * come back; rows written before it was kept have none, which reads as not awaiting until the next event.
 */
function openReviewTasksOf(snapshot: ClearanceState): string {
  return JSON.stringify(
    snapshot.tasks
      .filter((t) => t.status === 'OPEN')
      .map(({ taskId, kind, openedAt, assignee, checks }) => ({
        taskId,
        kind,
        openedAt,
        assignee: assignee ?? null,
        awaitingResults: checksStillRunning(checks),
      })),
  );
}

/**
 * What HR's aftercare figures count, kept in plain columns beside the sealed snapshot (migration 1764097300000):
 * this year's appraisal status and the latest renewal's status.
 */
function countedFactsOf(snapshot: ClearanceState): [string | null, string | null] {
  return [snapshot.appraisal?.status ?? null, snapshot.renewal?.status ?? null];
}

/** An open aftercare review task, as an officer's queue lists it. */
export interface OpenReviewTaskRow {
  clearanceId: string;
  caseId: string;
  taskId: string;
  kind: ReviewTaskKind;
  openedAt: string;
  clearanceStatus: ClearanceStatus;
  /** The officer the task is assigned to, or null while unassigned. */
  assignee: string | null;
  /** Whether a record check re-run for the task still awaits its result. */
  awaitingResults: boolean;
}

/**
 * Which open review tasks to list: assigned to this officer, unassigned (null), or all (absent); `team`: only
 * those unassigned or assigned to a member of that team (a team lead's view; tasks themselves have no team);
 * `task`: that one task only.
 */
export interface ReviewTaskFilter {
  assignee?: string | null;
  team?: string;
  task?: { clearanceId: string; taskId: string };
}

/** A clearance awaiting a senior adjudicator, as their referral queue lists it. */
export interface ReferralRow {
  clearanceId: string;
  caseId: string;
  status: ClearanceStatus;
  /** SUSPENDED: awaiting restoration or withdrawal; REFERRED: an officer's review referred it. */
  reason: 'SUSPENDED' | 'REFERRED';
  awaitingSince: string;
  renewalDue: string;
}

/** Clearance records. Writes are idempotent per case and per event, so retried activities write once. */
export class ClearanceStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  private toRow(r: RawRow): ClearanceRow {
    return {
      clearanceId: r.id,
      caseId: r.case_id,
      holderId: r.person_id,
      sponsorId: r.sponsor_id,
      status: r.status,
      grantedOn: r.granted_on,
      reviewDue: r.review_due,
      snapshot: this.cipher.openJson<ClearanceState>(r.snapshot, clearanceSlots.snapshot(r.id)),
    };
  }

  async record(c: NewClearance): Promise<'recorded' | 'duplicate'> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO clearance (id, case_id, person_id, level, granted_on, review_due, conditions, sponsor_id)
       VALUES (COALESCE($7::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, $8)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        c.caseId,
        c.personId,
        c.level,
        c.grantedOn,
        c.reviewDue,
        this.cipher.seal(JSON.stringify(c.conditions), clearanceSlots.conditions(c.caseId)),
        c.clearanceId ?? null,
        c.sponsorId ?? null,
      ],
    );
    return rows.length > 0 ? 'recorded' : 'duplicate';
  }

  /**
   * The newest case in which `sponsorId` sponsors `personId`, or null: a sponsor may look up only the people
   * they sponsor, and the lookup is audited against that case.
   */
  async sponsoredCaseOf(sponsorId: string, personId: string): Promise<string | null> {
    // A clearance transferred to this sponsor entitles them through the case that granted it; a case whose
    // clearance was transferred away no longer entitles its first sponsor. (A clearance with no sponsor recorded,
    // granted before clearances kept one, leaves the case's sponsor as they were.)
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM (
         SELECT v.id, v.opened_at FROM vetting_case v
          WHERE v.sponsor_id = $1 AND v.applicant_id = $2
            AND NOT EXISTS (SELECT 1 FROM clearance c WHERE c.case_id = v.id AND c.sponsor_id <> $1)
         UNION ALL
         SELECT v.id, v.opened_at FROM clearance c JOIN vetting_case v ON v.id = c.case_id
          WHERE c.sponsor_id = $1 AND c.person_id = $2
       ) sponsored ORDER BY opened_at DESC LIMIT 1`,
      [sponsorId, personId],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Appends one event and moves the clearance to its status and snapshot, in one transaction. Idempotent on
   * (clearance, seq); an older event never overwrites a newer snapshot.
   */
  async recordEvent(
    event: ClearanceEventRecord,
    snapshot: ClearanceState,
  ): Promise<'recorded' | 'duplicate'> {
    return this.dataSource.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO clearance_event
           (clearance_id, seq, action, actor_role, actor_id, from_status, to_status, at, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING seq`,
        [
          event.clearanceId,
          event.seq,
          event.action,
          event.actorRole,
          event.actorId,
          event.fromStatus,
          event.toStatus,
          event.at,
          this.cipher.seal(
            JSON.stringify(event.detail),
            clearanceSlots.eventDetail(event.clearanceId, event.seq),
          ),
        ],
      );
      if (inserted.length === 0) return 'duplicate';
      await m.query(
        `UPDATE clearance SET status = $2, snapshot = $3, open_review_tasks = $5, event_seq = $4,
            appraisal_status = $6, renewal_status = $7, reviewers = $10, sponsor_id = $11, line_manager_id = $12,
            awaiting_adjudication_since = CASE $8 WHEN 'ENTER' THEN COALESCE(awaiting_adjudication_since, $9)
                                                  WHEN 'LEAVE' THEN NULL ELSE awaiting_adjudication_since END,
            updated_at = now(), version = version + 1
          WHERE id = $1 AND event_seq < $4`,
        [
          event.clearanceId,
          snapshot.status,
          this.sealSnapshot(snapshot),
          event.seq,
          openReviewTasksOf(snapshot),
          ...countedFactsOf(snapshot),
          adjudicationQueueMove(event.action, event.detail, event.toStatus),
          event.at,
          snapshot.reviewers,
          // A transfer moves the clearance to its new sponsor: their lists and lookups read this column.
          snapshot.sponsorId,
          snapshot.lineManagerId ?? null,
        ],
      );
      return 'recorded';
    });
  }

  /** Stores the snapshot a run starts with (no event), unless a newer one is already there. */
  async storeSnapshot(snapshot: ClearanceState): Promise<void> {
    await this.dataSource.query(
      `UPDATE clearance SET snapshot = $2, open_review_tasks = $5, status = $3, appraisal_status = $6,
          renewal_status = $7, sponsor_id = $8, line_manager_id = $9, updated_at = now(), version = version + 1
        WHERE id = $1 AND event_seq <= $4`,
      [
        snapshot.clearanceId,
        this.sealSnapshot(snapshot),
        snapshot.status,
        snapshot.seq,
        openReviewTasksOf(snapshot),
        ...countedFactsOf(snapshot),
        snapshot.sponsorId,
        snapshot.lineManagerId ?? null,
      ],
    );
  }

  private sealSnapshot(snapshot: ClearanceState): string {
    return this.cipher.seal(JSON.stringify(snapshot), clearanceSlots.snapshot(snapshot.clearanceId));
  }

  async get(clearanceId: string): Promise<ClearanceRow | null> {
    const rows: RawRow[] = await this.dataSource.query(`${SELECT} WHERE id = $1`, [clearanceId]);
    return rows[0] ? this.toRow(rows[0]) : null;
  }

  async forCase(caseId: string): Promise<ClearanceRow | null> {
    const rows: RawRow[] = await this.dataSource.query(`${SELECT} WHERE case_id = $1`, [caseId]);
    return rows[0] ? this.toRow(rows[0]) : null;
  }

  /** The clearances a person holds or held, newest grant first. */
  async forHolder(holderId: string): Promise<ClearanceRow[]> {
    const rows: RawRow[] = await this.dataSource.query(
      `${SELECT} WHERE person_id = $1 ORDER BY granted_on DESC, created_at DESC`,
      [holderId],
    );
    return rows.map((r) => this.toRow(r));
  }

  /** The clearances a line manager is named for now, newest grant first (a changed manager's list drops them). */
  async forLineManager(lineManagerId: string): Promise<ClearanceRow[]> {
    const rows: RawRow[] = await this.dataSource.query(
      `${SELECT} WHERE line_manager_id = $1 ORDER BY granted_on DESC, created_at DESC LIMIT 500`,
      [lineManagerId],
    );
    return rows.map((r) => this.toRow(r));
  }

  /**
   * The holders' names, by the case that granted each clearance: opened from that case's sealed application only
   * (no other column of the case is read or opened). For the line manager's view, who needs to know whom they
   * appraise; the caller checks they may see the clearance and audits the read. A case without an application
   * (or a name) is left out.
   */
  async holderNames(caseIds: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    if (caseIds.length === 0) return names;
    const rows: { id: string; application: string | null }[] = await this.dataSource.query(
      `SELECT id, application FROM vetting_case WHERE id = ANY ($1::uuid[])`,
      [[...new Set(caseIds)]],
    );
    for (const row of rows) {
      const application = this.cipher.openJson<{ givenName?: unknown; familyName?: unknown }>(
        row.application,
        caseSlot('vetting_case.application', row.id),
      );
      const name = [application?.givenName, application?.familyName]
        .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
        .map((part) => part.trim())
        .join(' ');
      if (name !== '') names.set(row.id, name);
    }
    return names;
  }

  /**
   * Open aftercare review tasks across all clearances, oldest first, from the workflows' snapshots (each
   * accepted command writes its snapshot before the caller is answered, so a task is listed once it is opened).
   */
  async openReviewTasks(
    page: number,
    pageSize: number,
    filter: ReviewTaskFilter = {},
  ): Promise<{ items: OpenReviewTaskRow[]; total: number }> {
    // open_review_tasks holds only the open tasks' ids, kinds, dates and assignees (the snapshot is sealed).
    const params: string[] = [];
    const conditions: string[] = [];
    const param = (value: string): string => `$${params.push(value)}`;
    if (filter.assignee === null) conditions.push(`t->>'assignee' IS NULL`);
    else if (filter.assignee !== undefined) conditions.push(`t->>'assignee' = ${param(filter.assignee)}`);
    if (filter.team !== undefined)
      conditions.push(
        `(t->>'assignee' IS NULL OR t->>'assignee' IN (SELECT user_id FROM staff_member WHERE team = ${param(filter.team)}))`,
      );
    if (filter.task)
      conditions.push(
        `c.id = ${param(filter.task.clearanceId)} AND t->>'taskId' = ${param(filter.task.taskId)}`,
      );
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const from = `FROM clearance c CROSS JOIN LATERAL jsonb_array_elements(c.open_review_tasks) AS t ${where}`;
    const n = params.length;
    type TaskRow = {
      id: string;
      case_id: string;
      task_id: string;
      kind: ReviewTaskKind;
      opened_at: string;
      status: ClearanceStatus;
      assignee: string | null;
      awaiting: boolean | null;
    };
    const listed: Promise<TaskRow[]> = this.dataSource.query(
      `SELECT c.id, c.case_id, t->>'taskId' AS task_id, t->>'kind' AS kind, t->>'openedAt' AS opened_at, c.status,
              t->>'assignee' AS assignee, (t->>'awaitingResults')::boolean AS awaiting
         ${from} ORDER BY t->>'openedAt', c.id, t->>'taskId' LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    const count: Promise<{ total: string }[]> = this.dataSource.query(
      `SELECT count(*) AS total ${from}`,
      params,
    );
    const [rows, counted] = await Promise.all([listed, count]);
    return {
      items: rows.map((r) => ({
        clearanceId: r.id,
        caseId: r.case_id,
        taskId: r.task_id,
        kind: r.kind,
        openedAt: r.opened_at,
        clearanceStatus: r.status,
        assignee: r.assignee,
        awaitingResults: r.awaiting === true,
      })),
      total: Number(counted[0]?.total ?? 0),
    };
  }

  /**
   * Clearances awaiting a senior adjudicator (referred by a review, or suspended), longest wait first, leaving out
   * any the adjudicator holds, sponsors or reviewed (need-to-know; four eyes). Off the partial index of waiting
   * clearances, so as large as the queue, not the table.
   */
  async referrals(
    adjudicatorId: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: ReferralRow[]; total: number }> {
    const from = `FROM clearance WHERE awaiting_adjudication_since IS NOT NULL AND person_id <> $1
      AND sponsor_id IS DISTINCT FROM $1 AND NOT ($1 = ANY (reviewers))`;
    const listed: Promise<
      { id: string; case_id: string; status: ClearanceStatus; since: Date; review_due: string }[]
    > = this.dataSource.query(
      `SELECT id, case_id, status, awaiting_adjudication_since AS since,
              to_char(review_due, 'YYYY-MM-DD') AS review_due
         ${from} ORDER BY awaiting_adjudication_since, id LIMIT $2 OFFSET $3`,
      [adjudicatorId, pageSize, (page - 1) * pageSize],
    );
    const count: Promise<{ total: string }[]> = this.dataSource.query(`SELECT count(*) AS total ${from}`, [
      adjudicatorId,
    ]);
    const [rows, counted] = await Promise.all([listed, count]);
    return {
      items: rows.map((r) => ({
        clearanceId: r.id,
        caseId: r.case_id,
        status: r.status,
        reason: r.status === 'SUSPENDED' ? 'SUSPENDED' : 'REFERRED',
        awaitingSince: new Date(r.since).toISOString(),
        renewalDue: r.review_due,
      })),
      total: Number(counted[0]?.total ?? 0),
    };
  }

  async events(clearanceId: string): Promise<ClearanceEventRecord[]> {
    const rows: {
      seq: number;
      action: string;
      actor_role: string;
      actor_id: string;
      from_status: ClearanceStatus;
      to_status: ClearanceStatus;
      at: Date;
      detail: string;
    }[] = await this.dataSource.query(
      `SELECT seq, action, actor_role, actor_id, from_status, to_status, at, detail
         FROM clearance_event WHERE clearance_id = $1 ORDER BY seq`,
      [clearanceId],
    );
    return rows.map((r) => ({
      clearanceId,
      seq: r.seq,
      action: r.action,
      actorRole: r.actor_role,
      actorId: r.actor_id,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      at: new Date(r.at).toISOString(),
      detail:
        this.cipher.openJson<Record<string, unknown>>(
          r.detail,
          clearanceSlots.eventDetail(clearanceId, r.seq),
        ) ?? {},
    }));
  }

  /**
   * The status of the person's latest clearance as of `today`: a live clearance past its renewal date is
   * EXPIRED even before the workflow's timer has recorded it, unless an open renewal case holds it (lookupStatus);
   * NONE when they never held one. A renewed clearance's successor is granted later, so it is the latest.
   */
  async statusOf(personId: string, today: string): Promise<ClearanceLookupStatus> {
    return (await this.latestOf(personId, today)).status;
  }

  /** statusOf, with the id of the clearance it describes (null when NONE). */
  async latestOf(
    personId: string,
    today: string,
  ): Promise<{ status: ClearanceLookupStatus; clearanceId: string | null; renewal: Renewal | null }> {
    const rows: { id: string; status: ClearanceStatus; past_due: boolean; snapshot: string | null }[] =
      await this.dataSource.query(
        `SELECT id, status, review_due < $2::date AS past_due, snapshot FROM clearance
          WHERE person_id = $1 ORDER BY granted_on DESC, created_at DESC LIMIT 1`,
        [personId, today],
      );
    const latest = rows[0];
    if (!latest) return { status: 'NONE', clearanceId: null, renewal: null };
    // The renewal is in the sealed snapshot: one row, opened here rather than read in SQL.
    const renewal: Renewal | null =
      this.cipher.openJson<ClearanceState>(latest.snapshot, clearanceSlots.snapshot(latest.id))?.renewal ??
      null;
    return {
      status: lookupStatus({ status: latest.status, renewal }, latest.past_due),
      clearanceId: latest.id,
      renewal,
    };
  }
}
