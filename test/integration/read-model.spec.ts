import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { OpenStage, QueueScope } from '../../libs/domain/src';
import {
  atRiskAt,
  DEFAULT_CLOCK_POLICY,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  stageDeadlines,
  workingDaysBetween,
} from '../../libs/domain/src';
import type { SlaState } from '../../libs/persistence/src';
import {
  AppealStore,
  caseEventRow,
  CaseReadModel,
  caseSlot,
  createDataSource,
  DashboardReadModel,
  runMigrations,
  slaStateOf,
  slaStateSql,
  VettingCaseEntity,
} from '../../libs/persistence/src';
import { createDatabaseIfMissing, databaseUrl, dropDatabase } from '../../scripts/lib/database';
import { testDatabaseUrl } from '../support/env';
import { fieldCipher } from '../support/field-cipher';

// The run's prefix and a base-36 time, so the run's stale-database sweep recognises it if this suite dies.
const DATABASE = `vetting_test_${Date.now().toString(36)}_readmodel_${randomBytes(3).toString('hex')}`;
const ALL: QueueScope = { party: 'nobody', all: true, assignee: null, team: null, stage: null };

let db: DataSource;
let cases: CaseReadModel;
let dashboard: DashboardReadModel;

beforeAll(async () => {
  await createDatabaseIfMissing(testDatabaseUrl(), DATABASE);
  const url = databaseUrl(testDatabaseUrl(), DATABASE);
  await runMigrations(url);
  db = createDataSource(url);
  await db.initialize();
  cases = new CaseReadModel(db, fieldCipher);
  dashboard = new DashboardReadModel(db);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await dropDatabase(testDatabaseUrl(), DATABASE);
});

beforeEach(async () => {
  await db.query('DELETE FROM vetting_case');
});

interface Row {
  stage?: string;
  status?: 'OPEN' | 'CLOSED';
  team?: string | null;
  assignee?: string | null;
  openedAt?: string;
  stageEnteredAt?: string;
  stageAtRiskAt?: string | null;
  stageDueAt?: string | null;
  clockPausedSince?: string | null;
  targetMet?: boolean | null;
}

async function insert(row: Row): Promise<string> {
  const id = randomUUID();
  const entered = row.stageEnteredAt ?? '2025-01-06T09:00:00Z';
  await db.query(
    `INSERT INTO vetting_case (id, workflow_id, stage, status, team, assignee, opened_at, stage_entered_at,
                               stage_at_risk_at, stage_due_at, clock_paused_since, target_met, last_event_seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1)`,
    [
      id,
      `vetting-case-${id}`,
      row.stage ?? 'QUESTIONNAIRE',
      row.status ?? 'OPEN',
      row.team ?? null,
      row.assignee ?? null,
      row.openedAt ?? entered,
      entered,
      row.stageAtRiskAt ?? null,
      row.stageDueAt ?? null,
      row.clockPausedSince ?? null,
      row.targetMet ?? null,
    ],
  );
  return id;
}

/** A stage entered at `enteredAt` under the default working-day policy, as the workflow's clock arms it. */
function armed(stage: OpenStage, enteredAt: string): Row {
  const due = stageDeadlines(DEFAULT_CLOCK_POLICY, stage, enteredAt);
  if (!due) throw new Error(`${stage} has no clock`);
  const risk = atRiskAt({ stageEnteredAt: enteredAt, policy: DEFAULT_CLOCK_POLICY, ...due });
  return { stage, stageEnteredAt: enteredAt, stageAtRiskAt: risk, stageDueAt: due.deadlineAt };
}

async function sqlStates(now: string): Promise<Map<string, SlaState | null>> {
  const rows = await db.query<{ id: string; sla: SlaState | null }[]>(
    `SELECT c.id, ${slaStateSql('c', '$1::timestamptz')} AS sla FROM vetting_case c`,
    [now],
  );
  return new Map(rows.map((r) => [r.id, r.sla]));
}

describe('working days: the SQL function (migration 1764097930000) and the domain counter agree', () => {
  // Instants around what the rule turns on: weekends and their midnights, Good Friday and Easter Monday, Christmas
  // and Boxing Day substitutes (2020: Monday 28th; 2021 and 2027: Christmas on a Saturday, so Monday 27th and
  // Tuesday 28th; New Year's Day 2022 on a Saturday, so Monday 3 January), the one-off holidays, year ends, the
  // last millisecond of a day, and the years before and after the list (2020 to 2030). Every ordered pair is
  // compared, so same-day, reversed and multi-year spans are all in it.
  const INSTANTS = [
    '2019-12-31T12:00:00.000Z',
    '2020-01-01T00:00:00.000Z',
    '2020-12-24T18:00:00.000Z',
    '2020-12-28T06:00:00.000Z',
    '2021-12-24T23:59:59.999Z',
    '2021-12-27T00:00:00.000Z',
    '2021-12-28T12:00:00.000Z',
    '2022-01-01T00:00:00.000Z',
    '2022-01-03T10:00:00.000Z',
    '2022-09-19T12:00:00.000Z',
    '2023-05-08T12:00:00.000Z',
    '2025-03-08T12:00:00.000Z',
    '2025-03-09T23:59:59.999Z',
    '2025-03-10T00:00:00.000Z',
    '2025-03-10T09:00:00.000Z',
    '2025-03-10T17:00:00.000Z',
    '2025-04-17T17:30:00.000Z',
    '2025-04-18T12:00:00.000Z',
    '2025-04-21T23:00:00.000Z',
    '2025-04-22T08:15:30.250Z',
    '2026-12-25T00:00:00.000Z',
    '2027-12-24T12:00:00.000Z',
    '2027-12-27T00:00:00.000Z',
    '2027-12-28T12:00:00.000Z',
    '2030-12-31T12:00:00.000Z',
    '2031-01-02T12:00:00.000Z',
  ];
  const pairs = INSTANTS.flatMap((from) => INSTANTS.map((to) => [from, to] as const));

  async function sqlDays(holidays: readonly string[] | 'stored'): Promise<number[]> {
    const call =
      holidays === 'stored' ? 'working_days_between(p.f, p.t)' : 'working_days_between(p.f, p.t, $3::date[])';
    const rows = await db.query<{ days: number }[]>(
      `SELECT ${call} AS days FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS p(f, t, i)
        ORDER BY p.i`,
      holidays === 'stored'
        ? [pairs.map((p) => p[0]), pairs.map((p) => p[1])]
        : [pairs.map((p) => p[0]), pairs.map((p) => p[1]), holidays],
    );
    return rows.map((r) => r.days);
  }

  it('on the England and Wales bank holidays, the column’s calendar', async () => {
    const expected = pairs.map(([from, to]) => workingDaysBetween(from, to, ENGLAND_AND_WALES_BANK_HOLIDAYS));
    expect(await sqlDays('stored')).toEqual(expected);
    expect(await sqlDays(ENGLAND_AND_WALES_BANK_HOLIDAYS)).toEqual(expected);
    // Spot checks, so the comparison is not between two equally wrong answers.
    const at = (from: string, to: string): number | undefined =>
      expected[pairs.findIndex((p) => p[0] === from && p[1] === to)];
    expect(at('2025-04-17T17:30:00.000Z', '2025-04-22T08:15:30.250Z')).toBe(
      (23_400_000 + 29_730_250) / 86_400_000,
    );
    expect(at('2025-03-10T17:00:00.000Z', '2025-03-10T09:00:00.000Z')).toBeCloseTo(-8 / 24, 12);
    expect(at('2025-03-08T12:00:00.000Z', '2025-03-10T00:00:00.000Z')).toBe(0);
    expect(at('2021-12-24T23:59:59.999Z', '2021-12-28T12:00:00.000Z')).toBeCloseTo(1 / 86_400_000, 15);
  });

  it('on another calendar: weekends only, and a list with a weekend date and a repeat', async () => {
    expect(await sqlDays([])).toEqual(pairs.map(([from, to]) => workingDaysBetween(from, to, [])));
    const odd = ['2025-03-08', '2025-04-18', '2025-04-18', '2027-12-28'];
    expect(await sqlDays(odd)).toEqual(pairs.map(([from, to]) => workingDaysBetween(from, to, odd)));
  });
});

describe('the SLA rule: the TypeScript function and the SQL expression agree', () => {
  // Entered on the Thursday before Easter 2025: Good Friday (18 April) and Easter Monday (21 April) are bank
  // holidays, so the questionnaire's 5 working days run to Monday 28 April, not Thursday 24 April.
  const easter = armed('QUESTIONNAIRE', '2025-04-17T09:00:00Z');

  it('arms the Easter case in working days, skipping the bank holidays and the weekend', () => {
    expect(easter.stageDueAt).toBe('2025-04-28T09:00:00.000Z');
    expect(easter.stageAtRiskAt).toBe('2025-04-24T09:00:00.000Z');
  });

  const table: [string, Row, string, SlaState | null][] = [
    ['on track before the at-risk instant', easter, '2025-04-22T09:00:00Z', 'ON_TRACK'],
    ['on track over the bank holidays', easter, '2025-04-21T12:00:00Z', 'ON_TRACK'],
    ['still on track at the at-risk instant itself', easter, '2025-04-24T09:00:00Z', 'ON_TRACK'],
    ['at risk just after the at-risk instant', easter, '2025-04-24T09:00:00.001Z', 'AT_RISK'],
    [
      'at risk (not breached) at the deadline instant: meeting it is on time',
      easter,
      '2025-04-28T09:00:00Z',
      'AT_RISK',
    ],
    ['breached just after the deadline', easter, '2025-04-28T09:00:00.001Z', 'BREACHED'],
    ['breached long after', easter, '2025-06-01T00:00:00Z', 'BREACHED'],
    [
      'judged at the pause: paused before the at-risk instant stays on track',
      { ...easter, clockPausedSince: '2025-04-22T10:00:00Z' },
      '2025-06-01T00:00:00Z',
      'ON_TRACK',
    ],
    [
      'judged at the pause: paused while at risk stays at risk',
      { ...easter, clockPausedSince: '2025-04-25T10:00:00Z' },
      '2025-06-01T00:00:00Z',
      'AT_RISK',
    ],
    [
      'judged at the pause: paused after the deadline stays breached',
      { ...easter, clockPausedSince: '2025-04-28T10:00:00Z' },
      '2025-04-28T11:00:00Z',
      'BREACHED',
    ],
    [
      'no at-risk instant: on track until the deadline',
      { ...easter, stageAtRiskAt: null },
      '2025-04-25T09:00:00Z',
      'ON_TRACK',
    ],
    [
      'a stage without a deadline has no SLA state',
      { ...easter, stageDueAt: null, stageAtRiskAt: null },
      '2025-06-01T00:00:00Z',
      null,
    ],
    [
      'a closed case that met its target has no SLA state',
      { ...easter, stage: 'GRANTED', status: 'CLOSED', targetMet: true },
      '2025-06-01T00:00:00Z',
      null,
    ],
    [
      'a closed case that missed its target has no SLA state',
      { ...easter, stage: 'REFUSED', status: 'CLOSED', targetMet: false },
      '2025-06-01T00:00:00Z',
      null,
    ],
  ];

  it.each(table)('%s', async (_, row, now, expected) => {
    const id = await insert(row);
    const loaded = await cases.findCase(id);
    if (!loaded) throw new Error('the case was not stored');
    expect(slaStateOf(loaded, Date.parse(now))).toBe(expected);
    expect((await sqlStates(now)).get(id)).toBe(expected);
  });

  it('the case list filter, the dashboard and the metrics count what the TypeScript rule says, at now()', async () => {
    const hour = 3_600_000;
    const at = (offsetHours: number): string => new Date(Date.now() + offsetHours * hour).toISOString();
    const rows: Row[] = [
      { stageAtRiskAt: at(24), stageDueAt: at(48) },
      { stageAtRiskAt: at(-1), stageDueAt: at(48) },
      { stageAtRiskAt: at(-2), stageDueAt: at(48) },
      { stageAtRiskAt: at(-48), stageDueAt: at(-1) },
      { stageAtRiskAt: at(-48), stageDueAt: at(-24), clockPausedSince: at(-30) },
      { stageAtRiskAt: null, stageDueAt: at(-3), stage: 'INVESTIGATION' },
      { stageDueAt: null },
      { status: 'CLOSED', stage: 'GRANTED', targetMet: true },
      { status: 'CLOSED', stage: 'REFUSED', targetMet: false },
    ];
    for (const row of rows) await insert(row);
    const all = await cases.list(ALL, { sort: 'oldest', page: 1, pageSize: 100 });
    const now = Date.now();
    const expected = new Map<SlaState, string[]>();
    for (const row of all.rows) {
      const state = slaStateOf(row, now);
      if (state) expected.set(state, [...(expected.get(state) ?? []), row.id].sort());
    }
    expect(Object.fromEntries([...expected].map(([k, v]) => [k, v.length]))).toEqual({
      ON_TRACK: 1,
      AT_RISK: 3,
      BREACHED: 2,
    });
    for (const sla of ['ON_TRACK', 'AT_RISK', 'BREACHED'] as const) {
      const page = await cases.list(ALL, { sla, sort: 'oldest', page: 1, pageSize: 100 });
      expect(page.rows.map((r) => r.id).sort()).toEqual(expected.get(sla));
      expect(page.total).toBe(expected.get(sla)?.length);
    }
    // Several states at once: a team lead's escalations (at risk or past the deadline).
    const escalated = await cases.list(ALL, {
      sla: ['AT_RISK', 'BREACHED'],
      sort: 'urgency',
      page: 1,
      pageSize: 100,
    });
    expect(escalated.rows.map((r) => r.id).sort()).toEqual(
      [...(expected.get('AT_RISK') ?? []), ...(expected.get('BREACHED') ?? [])].sort(),
    );
    expect(escalated.total).toBe(5);
    expect(await dashboard.slaCountsByStage()).toEqual(
      expect.arrayContaining([
        { stage: 'QUESTIONNAIRE', breached: 1, atRisk: 3 },
        { stage: 'INVESTIGATION', breached: 1, atRisk: 0 },
      ]),
    );
    expect(await dashboard.decidedAgainstTarget()).toEqual({ decided: 2, withinTarget: 1 });
    const snapshot = await dashboard.businessSnapshot(2000);
    expect(snapshot.openByStage).toEqual(
      expect.arrayContaining([
        { stage: 'QUESTIONNAIRE', open: 6, breached: 1 },
        { stage: 'INVESTIGATION', open: 1, breached: 1 },
      ]),
    );
  });

  it("counts the checks re-run for a held clearance apart from the cases' own", async () => {
    await db.query('DELETE FROM record_check');
    const caseId = await insert({});
    const check = (id: string, checkType: string, status: string, outcome: string | null) =>
      db.query(
        `INSERT INTO record_check (case_id, check_type, check_id, status, outcome, version)
         VALUES ($1, $2, $3, $4, $5, 1)`,
        [id, checkType, `${id}:${checkType}`, status, outcome],
      );
    await check(caseId, 'THIRD_PARTY', 'RESULT', 'CLEAR');
    // A re-run's row carries its own run id, which is no case's.
    await check(randomUUID(), 'THIRD_PARTY', 'RESULT', 'CLEAR');
    await check(randomUUID(), 'THIRD_PARTY', 'RESULT', 'CLEAR');
    await check(randomUUID(), 'CREDIT_REFERENCE', 'REQUESTING', null);
    const { recordChecks } = await dashboard.businessSnapshot(2000);
    const thirdParty = { checkType: 'THIRD_PARTY', status: 'RESULT', outcome: 'CLEAR' };
    expect(recordChecks).toEqual(
      expect.arrayContaining([
        { ...thirdParty, origin: 'CASE', count: 1 },
        { ...thirdParty, origin: 'AFTERCARE', count: 2 },
        { checkType: 'CREDIT_REFERENCE', status: 'REQUESTING', outcome: '', origin: 'AFTERCARE', count: 1 },
      ]),
    );
    expect(recordChecks).toHaveLength(3);
  });
});

describe('the case list', () => {
  it('shows each principal only their queues (the scope from queueScopeFor)', async () => {
    const mine = await insert({ assignee: 'officer-1', team: 'team-b' });
    const team = await insert({ assignee: 'officer-2', team: 'team-a' });
    const decision = await insert({ stage: 'DECISION', team: 'team-c' });
    await insert({ team: 'team-c' });
    const ids = async (scope: QueueScope): Promise<string[]> =>
      (await cases.list(scope, { sort: 'oldest', page: 1, pageSize: 50 })).rows.map((r) => r.id).sort();
    expect(
      await ids({ party: 'nobody', all: false, assignee: 'officer-1', team: 'team-a', stage: 'DECISION' }),
    ).toEqual([mine, team, decision].sort());
    expect(
      await ids({ party: 'nobody', all: false, assignee: 'officer-1', team: null, stage: null }),
    ).toEqual([mine]);
    expect(await ids({ party: 'nobody', all: false, assignee: null, team: null, stage: null })).toEqual([]);
    expect(await ids(ALL)).toHaveLength(4);
    // The applicant of a case never sees it in a staff queue, even as an admin.
    const own = await insert({ team: 'team-a' });
    await db.query(`UPDATE vetting_case SET applicant_id = 'admin-1' WHERE id = $1`, [own]);
    expect(await ids({ ...ALL, party: 'admin-1' })).toHaveLength(4);
    expect(await ids(ALL)).toHaveLength(5);
  });

  it('puts the nearest deadline first for sort=urgency, paused clocks and no deadline last, and pages', async () => {
    const day = 86_400_000;
    const at = (days: number): string =>
      new Date(Date.parse('2025-03-03T09:00:00Z') + days * day).toISOString();
    const paused = await insert({ stageDueAt: at(-9), clockPausedSince: at(-10) });
    const none = await insert({ stageDueAt: null });
    const later = await insert({ stageDueAt: at(5) });
    const overdue = await insert({ stageDueAt: at(-2) });
    const soon = await insert({ stageDueAt: at(1) });
    const page1 = await cases.list(ALL, { status: 'OPEN', sort: 'urgency', page: 1, pageSize: 3 });
    const page2 = await cases.list(ALL, { status: 'OPEN', sort: 'urgency', page: 2, pageSize: 3 });
    expect(page1.rows.map((r) => r.id)).toEqual([overdue, soon, later]);
    expect(page2.rows.map((r) => r.id)).toEqual([none, paused]);
    expect([page1.total, page2.total]).toEqual([5, 5]);
  });
});

describe('the case read (issue 13: one statement instead of six)', () => {
  it('findCase and caseDetail read what TypeORM and the separate queries read', async () => {
    const id = await insert({ ...armed('QUESTIONNAIRE', '2025-04-17T09:00:00Z'), assignee: 'officer-r' });
    const seal = (value: unknown, field: Parameters<typeof caseSlot>[0]): string | null =>
      fieldCipher.sealJson(value, caseSlot(field, id));
    await db.query(
      `UPDATE vetting_case SET application = $2, tasks = $3, decision = $4, applicant_id = 'applicant-r',
              investigating_officers = '{io-r,nobody-named}', vetting_clock_ms = 123456789012,
              eligibility = '{"eligible": true, "reasons": []}', clock_paused_since = '2025-04-18T10:00:00.123456Z'
        WHERE id = $1`,
      [
        id,
        seal({ givenName: 'Ada', familyName: 'Lovelace' }, 'vetting_case.application'),
        seal([{ id: 't1', title: 'Call the referee' }], 'vetting_case.tasks'),
        seal({ outcome: 'GRANTED', disclosableReasons: [] }, 'vetting_case.decision'),
      ],
    );
    for (const [seq, actor, from, at] of [
      [2, 'io-r', 'QUESTIONNAIRE', '2025-04-18T09:00:00.987654Z'],
      [1, 'lead-r', null, '2025-04-17T09:00:00Z'],
    ] as const) {
      const payload = fieldCipher.sealJson(
        { note: `event ${seq}` },
        {
          field: 'case_event.payload',
          row: caseEventRow(id, seq),
        },
      );
      await db.query(
        `INSERT INTO case_event (case_id, seq, actor, action, from_stage, to_stage, occurred_at, payload)
         VALUES ($1, $2, $3, 'NOTE', $4, 'QUESTIONNAIRE', $5, $6)`,
        [id, seq, actor, from, at, payload],
      );
    }
    await db.query(
      `INSERT INTO activity_failure (case_id, workflow_id, activity, sqlstate, occurred_at, resolved_at)
       VALUES ($1, 'w', 'recordTransition', '22001', '2025-04-19T00:00:00Z', NULL),
              ($1, 'w', 'recordSnapshot', '22001', '2025-04-18T00:00:00Z', NULL),
              ($1, 'w', 'resolved', '22001', '2025-04-17T00:00:00Z', now())`,
      [id],
    );
    const duplicateOf = randomUUID();
    await db.query(
      `INSERT INTO application_intake (case_id, person_key, request_hash, possible_duplicate_of)
       VALUES ($1, $2, 'h', $3)`,
      [id, `person-${id}`, duplicateOf],
    );
    await db.query(
      `INSERT INTO staff_member (user_id, display_name) VALUES ('officer-r', 'Olivia R'), ('io-r', 'Ian R'),
              ('lead-r', 'Lena R'), ('unrelated-r', 'Una R') ON CONFLICT (user_id) DO NOTHING`,
    );
    const appealId = randomUUID();
    await db.query(
      `INSERT INTO appeal (id, kind, ground, appellant_id, case_id, status, snapshot, lodged_at)
       VALUES ($1, 'APPEAL', 'REFUSAL', 'applicant-r', $2, 'PANEL_DECIDED', $3, now())`,
      [
        appealId,
        randomUUID(),
        fieldCipher.seal(JSON.stringify({ appealId, effect: { caseId: id } }), {
          field: 'appeal.snapshot',
          row: appealId,
        }),
      ],
    );

    const row = await cases.findCase(id);
    const entity = await db.getRepository(VettingCaseEntity).findOneByOrFail({ id });
    expect(row).toEqual({
      ...entity,
      application: { givenName: 'Ada', familyName: 'Lovelace' },
      questionnaire: null,
      tasks: [{ id: 't1', title: 'Call the referee' }],
      recommendation: null,
      decision: { outcome: 'GRANTED', disclosableReasons: [] },
      baseline: null,
    });
    expect(row?.vettingClockMs).toBe(123456789012);
    expect(row?.clockPausedSince).toEqual(new Date('2025-04-18T10:00:00.123Z'));
    if (!row) throw new Error('the case was not found');
    expect(await cases.findCase(randomUUID())).toBeNull();

    const detail = await cases.caseDetail(row);
    const events = await cases.caseEvents(id);
    expect(detail.events).toEqual(events.map((e) => ({ ...e })));
    expect(detail.events.map((e) => [e.seq, e.payload, e.occurredAt.toISOString()])).toEqual([
      [1, { note: 'event 1' }, '2025-04-17T09:00:00.000Z'],
      [2, { note: 'event 2' }, '2025-04-18T09:00:00.987Z'],
    ]);
    expect(detail.alerts).toEqual(await cases.openAlerts(id));
    expect(detail.alerts.map((a) => a.activity)).toEqual(['recordSnapshot', 'recordTransition']);
    expect(detail.possibleDuplicateOf).toBe(duplicateOf);
    const appeals = new AppealStore(db, fieldCipher);
    expect(appeals.rerunAmong(id, detail.decidedAppeals)).toBe(await appeals.rerunOf(id, 'applicant-r'));
    expect(appeals.rerunAmong(id, detail.decidedAppeals)).toBe(appealId);
    // Only the staff the case names (its assignee, officers and event actors), never the rest of the directory.
    expect(Object.fromEntries(detail.staffNames)).toEqual({
      'officer-r': 'Olivia R',
      'io-r': 'Ian R',
      'lead-r': 'Lena R',
    });

    // A case with nothing around it: empty lists, no duplicate, no appeal.
    const bare = await cases.findCase(await insert({}));
    if (!bare) throw new Error('the case was not found');
    expect(await cases.caseDetail(bare)).toEqual({
      events: [],
      alerts: [],
      possibleDuplicateOf: null,
      decidedAppeals: [],
      staffNames: new Map(),
    });
  });
});
