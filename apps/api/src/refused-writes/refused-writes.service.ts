import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RefusedWriteView } from './refused-writes.dto';

interface FailureRow {
  id: string;
  case_id: string | null;
  workflow_id: string;
  activity: string;
  sqlstate: string;
  occurred_at: Date;
  resolved_at: Date | null;
}

const COLUMNS = 'id::text AS id, case_id, workflow_id, activity, sqlstate, occurred_at, resolved_at';

/**
 * Refused writes for operators: which are open, and closing one once the case record has been repaired (or the
 * gap judged harmless). Closing it takes the alert off the case's pages and out of vetting_refused_writes.
 */
@Injectable()
export class RefusedWritesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async open(): Promise<RefusedWriteView[]> {
    const rows = await this.db.query<FailureRow[]>(
      `SELECT ${COLUMNS} FROM activity_failure WHERE resolved_at IS NULL ORDER BY occurred_at, id LIMIT 500`,
    );
    return rows.map(toView);
  }

  /** Marks one resolved; 404 when there is no such refused write, 409 when it was already resolved. */
  async resolve(id: number): Promise<RefusedWriteView> {
    // One statement, so two operators closing the same one at once get one 200 and one 409. Wrapped in a
    // SELECT because TypeORM answers a bare UPDATE with [rows, count] rather than the rows.
    const [resolved] = await this.db.query<FailureRow[]>(
      `WITH done AS (
         UPDATE activity_failure SET resolved_at = now() WHERE id = $1 AND resolved_at IS NULL RETURNING *
       )
       SELECT ${COLUMNS} FROM done`,
      [id],
    );
    if (resolved) return toView(resolved);
    const [existing] = await this.db.query<FailureRow[]>(
      `SELECT ${COLUMNS} FROM activity_failure WHERE id = $1`,
      [id],
    );
    if (!existing) throw new NotFoundException(`no refused write ${id}`);
    throw new ConflictException(
      `refused write ${id} was already resolved at ${existing.resolved_at?.toISOString()}`,
    );
  }

  /** The case a refused write belongs to, for the audit row; null when unknown or not about a case. */
  async caseOf(id: number): Promise<string | null> {
    const [row] = await this.db.query<{ case_id: string | null }[]>(
      `SELECT case_id FROM activity_failure WHERE id = $1`,
      [id],
    );
    return row?.case_id ?? null;
  }
}

function toView(row: FailureRow): RefusedWriteView {
  return {
    id: row.id,
    caseId: row.case_id,
    workflowId: row.workflow_id,
    activity: row.activity,
    sqlstate: row.sqlstate,
    occurredAt: row.occurred_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
  };
}
