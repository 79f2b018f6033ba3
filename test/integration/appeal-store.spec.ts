import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppealState } from '../../libs/domain/src';
import { applyAppealCommand, lodgedAppeal } from '../../libs/domain/src';
import { AppealStore, createDataSource, refillAppealListColumns } from '../../libs/persistence/src';
import { AppealPanelSecretary1764097960000 } from '../../libs/persistence/src/migrations/1764097960000-appeal-panel-secretary';
import { fieldCipher } from '../support/field-cipher';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database';

// The appeal's plain panel_secretary_id and sponsor_id columns, which the staff's work list filters on: written by
// the store with each snapshot (retries and late writes included), and backfilled by their migration as far as SQL
// can see into the rows that exist when it runs.
const TIMING = {
  panelWindowMs: 60_000,
  acknowledgeWithinMs: 60_000,
  statementWithinMs: 60_000,
  complaintResponseMs: 1,
};
const AT = '2026-01-01T00:00:00.000Z';

let database: PrivateDatabase;
let db: DataSource;
let store: AppealStore;

beforeAll(async () => {
  database = await createPrivateDatabase();
  db = createDataSource(database.url);
  await db.initialize();
  store = new AppealStore(db, fieldCipher);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** An appeal upheld and registered with the panel, sponsored by `sponsor-1`. */
function registered(): AppealState {
  let state = lodgedAppeal(
    {
      appealId: randomUUID(),
      kind: 'APPEAL',
      ground: 'WITHDRAWAL',
      appellantId: 'holder-1',
      sponsorId: 'sponsor-1',
      caseId: randomUUID(),
      clearanceId: null,
      priorInvolvement: ['adj-1'],
      grounds: 'Grounds.',
    },
    TIMING,
    AT,
  );
  state = applyAppealCommand(
    state,
    {
      type: 'UPHOLD',
      actor: { subject: 'adj-9', as: 'APPEAL_OFFICER' },
      reviewOfDecision: 'd',
      reviewOfProcess: 'p',
      reviewOfDisclosure: 'x',
      reasons: 'r',
    },
    'UPHELD',
    TIMING,
    AT,
  );
  return applyAppealCommand(
    state,
    { type: 'REGISTER_INTENT', actor: { subject: 'holder-1', as: 'APPELLANT' } },
    'PANEL_REGISTERED',
    TIMING,
    AT,
  );
}

const columns = async (
  appealId: string,
): Promise<{ panel_secretary_id: string | null; sponsor_id: string | null }> => {
  const rows: { panel_secretary_id: string | null; sponsor_id: string | null }[] = await db.query(
    `SELECT panel_secretary_id, sponsor_id FROM appeal WHERE id = $1`,
    [appealId],
  );
  return rows[0] ?? { panel_secretary_id: 'missing', sponsor_id: 'missing' };
};

function named(state: AppealState, secretaryId: string): AppealState {
  return applyAppealCommand(
    state,
    { type: 'NAME_SECRETARY', actor: { subject: 'sec-1', as: 'PANEL_SECRETARY' }, secretaryId },
    state.status,
    TIMING,
    AT,
  );
}

const event = (state: AppealState) => ({
  appealId: state.appealId,
  seq: state.seq,
  action: 'NAME_SECRETARY',
  actorRole: 'PANEL_SECRETARY',
  actorId: 'sec-1',
  fromStatus: state.status,
  toStatus: state.status,
  at: AT,
});

describe('the appeal columns the work list filters on', () => {
  it('follow each stored snapshot, and a retried or late write changes nothing', async () => {
    const start = registered();
    await store.open(start);
    expect(await columns(start.appealId)).toEqual({ panel_secretary_id: null, sponsor_id: 'sponsor-1' });
    const first = named(start, 'sec-2');
    expect(await store.recordEvent(event(first), first)).toBe('recorded');
    expect(await columns(start.appealId)).toEqual({ panel_secretary_id: 'sec-2', sponsor_id: 'sponsor-1' });
    const second = named(first, 'sec-3');
    await store.recordEvent(event(second), second);
    // The first write retried, and an older snapshot stored late: the newer secretary stays.
    expect(await store.recordEvent(event(first), first)).toBe('duplicate');
    await store.storeSnapshot(first);
    expect(await columns(start.appealId)).toEqual({ panel_secretary_id: 'sec-3', sponsor_id: 'sponsor-1' });
  });

  it('are backfilled from plain snapshots; a sealed one by data:appeal-columns', async () => {
    const runner = db.createQueryRunner();
    const migration = new AppealPanelSecretary1764097960000();
    const plain = named(registered(), 'sec-4');
    const sealed = named(registered(), 'sec-5');
    try {
      await migration.down(runner);
      for (const [state, snapshot] of [
        [plain, JSON.stringify(plain)],
        [
          sealed,
          fieldCipher.seal(JSON.stringify(sealed), { field: 'appeal.snapshot', row: sealed.appealId }),
        ],
      ] as const) {
        await db.query(
          `INSERT INTO appeal (id, kind, ground, appellant_id, case_id, status, event_seq, snapshot, lodged_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            state.appealId,
            state.kind,
            state.ground,
            state.appellantId,
            state.caseId,
            state.status,
            state.seq,
            snapshot,
            AT,
          ],
        );
      }
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await columns(plain.appealId)).toEqual({ panel_secretary_id: 'sec-4', sponsor_id: 'sponsor-1' });
    // Sealed, and its decision (no case or clearance row here) names no sponsor SQL can find.
    expect(await columns(sealed.appealId)).toEqual({ panel_secretary_id: null, sponsor_id: null });
    // `npm run data:appeal-columns` reads it through the cipher; run again, it changes nothing.
    // Both sealed rows: this one, and the first test's, which the migration run again could not read either.
    expect(await refillAppealListColumns(db, fieldCipher, 1)).toBe(2);
    expect(await columns(sealed.appealId)).toEqual({ panel_secretary_id: 'sec-5', sponsor_id: 'sponsor-1' });
    expect(await columns(plain.appealId)).toEqual({ panel_secretary_id: 'sec-4', sponsor_id: 'sponsor-1' });
    expect(await refillAppealListColumns(db, fieldCipher, 1)).toBe(0);
  });
});
