import type { DataSource } from 'typeorm';
import type { AppealKind, AppealState, AppealStatus, StatementSide } from '../../domain/src/appeals';
import type { FieldCipher } from './field-cipher';

/** One event in an appeal's history, written once whatever retries happen (free text stays in the snapshot). */
export interface AppealEventRecord {
  appealId: string;
  seq: number;
  action: string;
  actorRole: string;
  actorId: string;
  fromStatus: AppealStatus;
  toStatus: AppealStatus;
  at: string;
  /**
   * Whose statement of case the event is about (an overdue mark, an extension, a submission); null otherwise.
   * Absent from workers before it was kept, and null on the events they recorded.
   */
  side?: StatementSide | null;
}

/** An appeal row as stored: its id and its sealed snapshot. */
export interface SealedAppealRow {
  id: string;
  snapshot: string;
}
type RawRow = SealedAppealRow;

/**
 * The appeals read-model, written only by the appeal workflow's activities. The snapshot is sealed (it carries the
 * hearing's findings and the panel's reasons); status, parties and dates stay plain so queues can be queried.
 */
export class AppealStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  private seal(state: AppealState): string {
    return this.cipher.seal(JSON.stringify(state), { field: 'appeal.snapshot', row: state.appealId });
  }

  private unseal(row: RawRow): AppealState {
    return JSON.parse(
      this.cipher.open(row.snapshot, { field: 'appeal.snapshot', row: row.id }),
    ) as AppealState;
  }

  /** Creates the appeal's row from its first state; idempotent on the appeal id. */
  async open(state: AppealState): Promise<'recorded' | 'duplicate'> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO appeal (id, kind, ground, appellant_id, case_id, clearance_id, status, event_seq, snapshot, lodged_at,
                           sponsor_id, panel_secretary_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        state.appealId,
        state.kind,
        state.ground,
        state.appellantId,
        state.caseId,
        state.clearanceId,
        state.status,
        state.seq,
        this.seal(state),
        state.lodgedAt,
        state.sponsorId,
        secretaryOf(state),
      ],
    );
    return inserted.length === 0 ? 'duplicate' : 'recorded';
  }

  /** Appends one event and stores the new snapshot, unless a newer one is there; idempotent on (appeal, seq). */
  async recordEvent(event: AppealEventRecord, snapshot: AppealState): Promise<'recorded' | 'duplicate'> {
    return this.dataSource.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO appeal_event (appeal_id, seq, action, actor_role, actor_id, from_status, to_status, at, side)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING seq`,
        [
          event.appealId,
          event.seq,
          event.action,
          event.actorRole,
          event.actorId,
          event.fromStatus,
          event.toStatus,
          event.at,
          event.side ?? null,
        ],
      );
      if (inserted.length === 0) return 'duplicate';
      await m.query(
        `UPDATE appeal SET status = $2, snapshot = $3, event_seq = $4, updated_at = now(),
                panel_secretary_id = $5, sponsor_id = $6
          WHERE id = $1 AND event_seq < $4`,
        [
          event.appealId,
          snapshot.status,
          this.seal(snapshot),
          event.seq,
          secretaryOf(snapshot),
          snapshot.sponsorId,
        ],
      );
      return 'recorded';
    });
  }

  /** Stores a snapshot without an event (an effect carried out), unless a newer one is there. */
  async storeSnapshot(snapshot: AppealState): Promise<void> {
    await this.dataSource.query(
      `UPDATE appeal SET snapshot = $2, status = $3, updated_at = now(), panel_secretary_id = $5, sponsor_id = $6
        WHERE id = $1 AND event_seq <= $4`,
      [
        snapshot.appealId,
        this.seal(snapshot),
        snapshot.status,
        snapshot.seq,
        secretaryOf(snapshot),
        snapshot.sponsorId,
      ],
    );
  }

  async get(appealId: string): Promise<AppealState | null> {
    const rows: RawRow[] = await this.dataSource.query(`SELECT id, snapshot FROM appeal WHERE id = $1`, [
      appealId,
    ]);
    return rows[0] ? this.unseal(rows[0]) : null;
  }

  /** The appeal or complaint already made about a decision, if any. */
  async forDecision(caseId: string, ground: string): Promise<AppealState | null> {
    const rows: RawRow[] = await this.dataSource.query(
      `SELECT id, snapshot FROM appeal WHERE case_id = $1 AND ground = $2`,
      [caseId, ground],
    );
    return rows[0] ? this.unseal(rows[0]) : null;
  }

  /** The appeals and complaints a person made, newest first. */
  async forAppellant(appellantId: string): Promise<AppealState[]> {
    const rows: RawRow[] = await this.dataSource.query(
      `SELECT id, snapshot FROM appeal WHERE appellant_id = $1 ORDER BY lodged_at DESC LIMIT 100`,
      [appellantId],
    );
    return rows.map((r) => this.unseal(r));
  }

  /** An appeal's events, oldest first (the plain columns only: free text stays in the sealed snapshot). */
  async events(appealId: string): Promise<AppealEventRecord[]> {
    const rows: {
      seq: number;
      action: string;
      actor_role: string;
      actor_id: string;
      from_status: AppealStatus;
      to_status: AppealStatus;
      at: Date | string;
      side: StatementSide | null;
    }[] = await this.dataSource.query(
      `SELECT seq, action, actor_role, actor_id, from_status, to_status, at, side
         FROM appeal_event WHERE appeal_id = $1 ORDER BY seq`,
      [appealId],
    );
    return rows.map((r) => ({
      appealId,
      seq: Number(r.seq),
      action: r.action,
      actorRole: r.actor_role,
      actorId: r.actor_id,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      at: r.at instanceof Date ? r.at.toISOString() : new Date(r.at).toISOString(),
      side: r.side,
    }));
  }

  /**
   * The appeal whose panel recommendation opened `caseId` as a vetting re-run, if any. The new case's id is only
   * in the sealed snapshot, so this reads the appellant's decided appeals (a handful) rather than a column.
   */
  async rerunOf(caseId: string, applicantId: string): Promise<string | null> {
    const rows: RawRow[] = await this.dataSource.query(
      `SELECT id, snapshot FROM appeal WHERE appellant_id = $1 AND status = 'PANEL_DECIDED' LIMIT 100`,
      [applicantId],
    );
    return this.rerunAmong(caseId, rows);
  }

  /**
   * rerunOf over the appellant's decided appeals read by someone else (the case read fetches them together with
   * the case's history, in one statement: CaseReadModel.caseDetail, whose query must select them alike).
   */
  rerunAmong(caseId: string, decidedAppeals: readonly SealedAppealRow[]): string | null {
    const found = decidedAppeals.map((r) => this.unseal(r)).find((a) => a.effect?.caseId === caseId);
    return found?.appealId ?? null;
  }

  /**
   * One page of the staff's work list, oldest first, filtered and counted in SQL on the plain columns: never an
   * appeal whose appellant or sponsor is `viewer` (need-to-know), only `statuses`, and as `filter` asks.
   */
  async workList(query: AppealWorkListQuery): Promise<{ items: AppealState[]; total: number }> {
    const where = [`status = ANY($1)`, `appellant_id <> $2`, `sponsor_id IS DISTINCT FROM $2`];
    const params: unknown[] = [query.statuses, query.viewer];
    if (query.kind) {
      params.push(query.kind);
      where.push(`kind = $${params.length}`);
    }
    if (query.secretary === null) where.push(`panel_secretary_id IS NULL`);
    else if (query.secretary !== undefined) {
      params.push(query.secretary);
      where.push(`panel_secretary_id = $${params.length}`);
    }
    params.push(query.pageSize, (query.page - 1) * query.pageSize);
    // One statement: the page and the total over the same filter (a window count), as the case lists do.
    const rows: (RawRow & { total: string })[] = await this.dataSource.query(
      `SELECT id, snapshot, count(*) OVER () AS total FROM appeal WHERE ${where.join(' AND ')}
        ORDER BY lodged_at, id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    if (rows.length > 0 || query.page === 1) {
      return { items: rows.map((r) => this.unseal(r)), total: Number(rows[0]?.total ?? 0) };
    }
    // Past the last page: no row carries the count, so ask for it alone.
    const counted: { total: string }[] = await this.dataSource.query(
      `SELECT count(*) AS total FROM appeal WHERE ${where.join(' AND ')}`,
      params.slice(0, -2),
    );
    return { items: [], total: Number(counted[0]?.total ?? 0) };
  }
}

/**
 * Fills the plain panel_secretary_id and sponsor_id of appeals stored before those columns were kept, from their
 * sealed snapshots (which SQL cannot open: migration 1764097960000 could fill only plain ones). Reads `batchSize`
 * rows at a time in id order; a row whose snapshot changed meanwhile is skipped, its writer having set both.
 * Idempotent: a second run changes nothing. Answers how many rows it changed.
 */
export async function refillAppealListColumns(
  dataSource: DataSource,
  cipher: FieldCipher,
  batchSize = 500,
): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let changed = 0;
  for (;;) {
    const rows: (RawRow & { panel_secretary_id: string | null; sponsor_id: string | null })[] =
      await dataSource.query(
        `SELECT id, snapshot, panel_secretary_id, sponsor_id FROM appeal WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, batchSize],
      );
    for (const row of rows) {
      const state = JSON.parse(
        cipher.open(row.snapshot, { field: 'appeal.snapshot', row: row.id }),
      ) as AppealState;
      const secretary = secretaryOf(state);
      if (secretary === row.panel_secretary_id && state.sponsorId === row.sponsor_id) continue;
      // TypeORM answers an UPDATE on PostgreSQL as [rows, affected count].
      const [, count] = await dataSource.query<[unknown[], number]>(
        `UPDATE appeal SET panel_secretary_id = $2, sponsor_id = $3 WHERE id = $1 AND snapshot = $4`,
        [row.id, secretary, state.sponsorId, row.snapshot],
      );
      changed += count;
    }
    if (rows.length < batchSize) return changed;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

/** What the staff's work list asks for: `secretary` a staff id, null for none named, undefined for anyone. */
export interface AppealWorkListQuery {
  viewer: string;
  statuses: readonly AppealStatus[];
  kind?: AppealKind;
  secretary?: string | null;
  page: number;
  pageSize: number;
}

/** The named panel secretary as the column keeps it (null when none, or on appeals from before it was kept). */
function secretaryOf(state: AppealState): string | null {
  return state.panel?.secretaryId ?? null;
}
