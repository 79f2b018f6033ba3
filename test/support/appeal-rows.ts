import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { lodgedAppeal } from '../../libs/domain/src';
import type { AppealKind, AppealStatus } from '../../libs/domain/src';

/** What a stored appeal row is made of: lodged `minute` minutes into 2020 (so older than any a test lodges). */
export interface AppealRow {
  minute: number;
  kind: AppealKind;
  appellantId: string;
  secretaryId: string | null;
  status?: AppealStatus;
  sponsorId?: string;
}

/**
 * Writes an appeal straight into the read-model as the workflow's store would, with a plain-JSON snapshot (as
 * rows from before encryption read): for lists that need many rows without running each appeal. Its id.
 */
export async function insertAppealRow(db: DataSource, row: AppealRow): Promise<string> {
  const appealId = randomUUID();
  const lodgedAt = new Date(Date.UTC(2020, 0, 1, 0, row.minute)).toISOString();
  const lodged = lodgedAppeal(
    {
      appealId,
      kind: row.kind,
      ground: row.kind === 'APPEAL' ? 'WITHDRAWAL' : 'REFUSAL',
      appellantId: row.appellantId,
      sponsorId: row.sponsorId ?? null,
      caseId: randomUUID(),
      clearanceId: null,
      priorInvolvement: [],
      grounds: 'Grounds.',
    },
    { panelWindowMs: 1, acknowledgeWithinMs: 1, statementWithinMs: 1, complaintResponseMs: 1 },
    lodgedAt,
  );
  const state = { ...lodged, status: row.status ?? lodged.status };
  await db.query(
    `INSERT INTO appeal (id, kind, ground, appellant_id, case_id, status, snapshot, lodged_at, panel_secretary_id, sponsor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      appealId,
      state.kind,
      state.ground,
      state.appellantId,
      state.caseId,
      state.status,
      JSON.stringify(state),
      lodgedAt,
      row.secretaryId,
      state.sponsorId,
    ],
  );
  return appealId;
}
