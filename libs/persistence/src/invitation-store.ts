import type { DataSource } from 'typeorm';
import type { InvitationStatus, InvitationView } from '../../contracts/src/invitation';

/** A closing status and what it records. */
export interface InvitationClosing {
  invitationId: string;
  status: Exclude<InvitationStatus, 'OPEN'>;
  caseId: string | null;
  closedAt: string;
}

interface InvitationRow {
  id: string;
  sponsor_id: string;
  applicant_id: string;
  status: InvitationStatus;
  case_id: string | null;
  created_at: Date;
  closed_at: Date | null;
  chasers_sent: number;
}

/** The invitation table. Every write is idempotent, so a retried activity changes nothing twice. */
export class InvitationStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a new OPEN invitation; a retry finds it there and leaves it alone. */
  async open(i: {
    invitationId: string;
    sponsorId: string;
    applicantId: string;
    createdAt: string;
  }): Promise<'opened' | 'duplicate'> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO invitation (id, sponsor_id, applicant_id, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [i.invitationId, i.sponsorId, i.applicantId, i.createdAt],
    );
    return rows.length > 0 ? 'opened' : 'duplicate';
  }

  /** Notes that chaser `n` went out; only ever raises the count, so a late retry cannot lower it. */
  async chaserSent(invitationId: string, n: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE invitation SET chasers_sent = GREATEST(chasers_sent, $2) WHERE id = $1`,
      [invitationId, n],
    );
  }

  /** Closes an OPEN invitation; 'unchanged' if it was already closed (by this write's retry or otherwise). */
  async close(c: InvitationClosing): Promise<'closed' | 'unchanged'> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE invitation SET status = $2, case_id = $3, closed_at = $4 WHERE id = $1 AND status = 'OPEN'
       RETURNING id`,
      [c.invitationId, c.status, c.caseId, c.closedAt],
    );
    return rows.length > 0 ? 'closed' : 'unchanged';
  }

  /** One invitation, or null. Callers decide who may see it. */
  async find(invitationId: string): Promise<InvitationView | null> {
    const rows: InvitationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM invitation WHERE id = $1`,
      [invitationId],
    );
    const row = rows[0];
    return row ? toView(row) : null;
  }

  /**
   * The invitations `sponsorId` sent, newest first, one page of them, optionally in one status; with how many
   * match in all. The sponsor is part of the query, never a filter the caller chooses.
   */
  async listBySponsor(
    sponsorId: string,
    filter: { status?: InvitationStatus; page: number; pageSize: number },
  ): Promise<{ items: InvitationView[]; total: number }> {
    const where = `sponsor_id = $1 AND ($2::text IS NULL OR status = $2::text)`;
    const params = [sponsorId, filter.status ?? null];
    const [counted] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM invitation WHERE ${where}`,
      params,
    );
    const rows: InvitationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM invitation WHERE ${where} ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    );
    return { items: rows.map(toView), total: counted?.total ?? 0 };
  }
}

const COLUMNS = 'id, sponsor_id, applicant_id, status, case_id, created_at, closed_at, chasers_sent';

function toView(row: InvitationRow): InvitationView {
  return {
    invitationId: row.id,
    sponsorId: row.sponsor_id,
    applicantId: row.applicant_id,
    status: row.status,
    caseId: row.case_id,
    createdAt: row.created_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    chasersSent: row.chasers_sent,
  };
}
