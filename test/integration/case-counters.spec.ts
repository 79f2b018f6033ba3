import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CaseSnapshot, RecordTransitionInput } from '../../libs/contracts/src';
import type {
  AppraisalStatus,
  ClearanceStatus,
  QueueScope,
  RenewalStatus,
  Stage,
} from '../../libs/domain/src';
import { grantedClearance } from '../../libs/domain/src';
import { DashboardService } from '../../apps/api/src/dashboard/dashboard.service';
import { loadConfig } from '../../libs/config/src';
import {
  CaseReadModel,
  CaseStore,
  ClearanceStore,
  createDataSource,
  DashboardReadModel,
  runMigrations,
} from '../../libs/persistence/src';
import { CaseCounters1764082000000 } from '../../libs/persistence/src/migrations/1764082000000-case-counters';
import { WeeklyTrend1764082900000 } from '../../libs/persistence/src/migrations/1764082900000-weekly-trend';
import { StageVisitWorkingDays1764097930000 } from '../../libs/persistence/src/migrations/1764097930000-stage-visit-working-days';
import {
  backfillClearanceFacts,
  installRenewalCounter,
} from '../../libs/persistence/src/migrations/1764097300000-aftercare-figures';
import { createDatabaseIfMissing, databaseUrl, dropDatabase } from '../../scripts/lib/database';
import { FullScanCaseReadModel, FullScanDashboardReadModel } from '../../scripts/lib/full-scan-read-model';
import { testDatabaseUrl } from '../support/env';
import { fieldCipher } from '../support/field-cipher';

// The counters (case_counter, stage_visit) are kept by triggers in the transaction of each read-model write. This
// drives cases through the case activity's own store (retries, late writes, concurrent writers) and checks them
// against a recount from vetting_case and the dashboard/list figures against the full-scan queries they replace.
const DATABASE = `vetting_test_${Date.now().toString(36)}_counters_${randomBytes(3).toString('hex')}`;
const HOUR = 3_600_000;

let db: DataSource;
let store: CaseStore;
let clearances: ClearanceStore;
let cases: CaseReadModel;
let dashboard: DashboardReadModel;
let fullScanCases: FullScanCaseReadModel;
let fullScan: FullScanDashboardReadModel;

beforeAll(async () => {
  await createDatabaseIfMissing(testDatabaseUrl(), DATABASE);
  const url = databaseUrl(testDatabaseUrl(), DATABASE);
  await runMigrations(url);
  db = createDataSource(url);
  await db.initialize();
  store = new CaseStore(db, fieldCipher);
  clearances = new ClearanceStore(db, fieldCipher);
  cases = new CaseReadModel(db, fieldCipher);
  dashboard = new DashboardReadModel(db);
  fullScanCases = new FullScanCaseReadModel(db, fieldCipher);
  fullScan = new FullScanDashboardReadModel(db);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await dropDatabase(testDatabaseUrl(), DATABASE);
});

const at = (offsetHours: number): string => new Date(Date.now() + offsetHours * HOUR).toISOString();

interface Step {
  stage: Stage;
  from?: Stage | null;
  status?: 'OPEN' | 'CLOSED';
  outcome?: CaseSnapshot['outcome'];
  team?: string | null;
  dueAt?: string | null;
  atRiskAt?: string | null;
  pausedSince?: string | null;
  targetMet?: boolean | null;
  /** When the event happened (and the stage was entered, if it changed), hours from now. */
  hours: number;
  applicant?: string;
  /** The clearance a renewal case renews. */
  renewalOf?: string;
}

/** The activity's input for event `seq` of a case, with the snapshot it produced. */
function transition(caseId: string, seq: number, step: Step): RecordTransitionInput {
  const occurredAt = at(step.hours);
  const status = step.status ?? 'OPEN';
  return {
    event: {
      caseId,
      seq,
      actor: 'officer-1',
      action: seq === 1 ? 'OPEN_CASE' : 'COMPLETE_STAGE',
      fromStage: step.from ?? null,
      toStage: step.stage,
      occurredAt,
      payload: {},
    },
    snapshot: {
      caseId,
      stage: step.stage,
      status,
      outcome: step.outcome ?? null,
      assignee: null,
      investigatingOfficers: [],
      openedAt: at(-1000),
      stageEnteredAt: occurredAt,
      stageDueAt: step.dueAt ?? null,
      closedAt: status === 'CLOSED' ? occurredAt : null,
      lastEventSeq: seq,
      eligibility: null,
      team: step.team === undefined ? 'team-a' : step.team,
      sponsorId: 'sponsor-1',
      applicantId: step.applicant ?? `applicant-${caseId}`,
      rules: 'v2',
      ...(step.renewalOf ? { renewalOf: step.renewalOf } : {}),
      questionnaire: {
        status: 'AWAITING',
        version: 0,
        submittedAt: null,
        acceptedAt: null,
        returnedItems: [],
      },
      tasks: [],
      checks: [],
      recommendation: null,
      decision: null,
      dvClockStartedAt: null,
      clock: {
        policyVersion: 'test',
        stageGoalAt: null,
        stageAtRiskAt: step.atRiskAt ?? null,
        stageDeadlineAt: step.dueAt ?? null,
        pausedSince: step.pausedSince ?? null,
        pauseReason: step.pausedSince ? 'AWAITING_APPLICANT' : null,
        vettingMs: 0,
        waitingMs: 0,
        segmentStartedAt: occurredAt,
        waitingSegments: [],
        sent: [],
        targetMet: step.targetMet ?? null,
      },
    },
  };
}

/** The counters as stored, without the rows that went back to zero. */
function counters(): Promise<unknown[]> {
  return db.query(
    `SELECT metric, team, stage, key, day::text, n::int FROM case_counter WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`,
  );
}

/** The same counters recounted from scratch over vetting_case. */
function recount(): Promise<unknown[]> {
  return db.query(
    `SELECT k.metric, k.team, k.stage, k.key, k.day::text, count(*)::int AS n
       FROM vetting_case c CROSS JOIN LATERAL case_counter_keys(c) k GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
  );
}

function visits(): Promise<unknown[]> {
  return db.query(
    `SELECT case_id, seq, stage, team, entered_at, left_at, working_days FROM stage_visit ORDER BY case_id, seq`,
  );
}

const byStage = <T extends { stage: string }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => a.stage.localeCompare(b.stage));

/** Every figure the counters serve equals the full-scan query it replaced, for every team and each one. */
async function expectFiguresMatchFullScan(): Promise<void> {
  for (const team of [null, 'team-a', 'team-b']) {
    const open = await dashboard.openStages(team);
    const fullOpen = await fullScan.openStages(team);
    expect(byStage(open).map((r) => [r.stage, r.open])).toEqual(
      byStage(fullOpen).map((r) => [r.stage, r.open]),
    );
    for (const row of open) {
      const expected = fullOpen.find((r) => r.stage === row.stage)?.medianDaysInStage;
      expect(row.medianDaysInStage).toBeCloseTo(expected ?? Number.NaN, 4);
    }
    const byOutcome = (rows: { outcome: string }[]): { outcome: string }[] =>
      [...rows].sort((a, b) => a.outcome.localeCompare(b.outcome));
    expect(byOutcome(await dashboard.closedByOutcome(team))).toEqual(
      byOutcome(await fullScan.closedByOutcome(team)),
    );
    expect(await dashboard.decidedAgainstTarget(team)).toEqual(await fullScan.decidedAgainstTarget(team));
    expect(byStage(await dashboard.slaCountsByStage(team))).toEqual(
      byStage(await fullScan.slaCountsByStage(team)),
    );
    expect(await dashboard.oldestOpenCase(team)).toEqual(await fullScan.oldestOpenCase(team));
    expect(await dashboard.weeklyTrend(12, team)).toEqual(await fullScan.weeklyTrend(12, team));
    expect(await dashboard.aftercare(90, team)).toEqual(await fullScan.aftercare(90, team));
    const key = (v: { stage: string; enteredMs: number; leftMs: number }): string =>
      `${v.stage} ${v.enteredMs} ${v.leftMs}`;
    expect((await dashboard.stageVisits(10_000, team)).map(key).sort()).toEqual(
      (await fullScan.stageVisits(10_000, team)).map(key).sort(),
    );
    for (const calendar of ['england-and-wales', 'none']) {
      await expectMediansMatchFullScan(10_000, team, calendar);
    }
  }
  const queues: QueueScope[] = [
    { party: 'admin-1', all: true, assignee: null, team: null, stage: null },
    { party: 'lead-1', all: false, assignee: null, team: 'team-a', stage: null },
    // A senior adjudicator's queue is the DECISION stage; a filter on another stage matches nothing.
    { party: 'senior-1', all: false, assignee: null, team: null, stage: 'DECISION' },
  ];
  for (const scope of queues) {
    for (const status of [undefined, 'OPEN', 'CLOSED'] as const) {
      for (const stage of [undefined, 'QUESTIONNAIRE', 'DECISION']) {
        const filter = { status, stage, sort: 'oldest' as const, page: 1, pageSize: 1 };
        expect((await cases.list(scope, filter)).total).toBe((await fullScanCases.list(scope, filter)).total);
      }
    }
  }
}

/**
 * The median working days per stage (one SQL statement over `stage_visit.working_days`, or counted in SQL on
 * another calendar) equal the summary's old computation: the visits read from every event and counted in Node.
 */
async function expectMediansMatchFullScan(
  limit: number,
  team: string | null,
  calendar: string,
): Promise<void> {
  const medians = byStage(await dashboard.medianWorkingDaysByStage(limit, team, calendar));
  const expected = byStage(await fullScan.medianWorkingDaysByStage(limit, team, calendar));
  expect(medians.map((m) => m.stage)).toEqual(expected.map((m) => m.stage));
  medians.forEach((m, i) => expect(m.median).toBeCloseTo(expected[i]?.median ?? Number.NaN, 9));
}

const APPRAISAL_ACTION: Record<AppraisalStatus, string> = {
  DUE: 'APPRAISAL_DUE',
  OVERDUE: 'APPRAISAL_OVERDUE',
  SUBMITTED: 'SUBMIT_APPRAISAL',
};
/** What moved a clearance to a status, for a clearance with no renewal. */
const STATUS_ACTION: Partial<Record<ClearanceStatus, string>> = {
  VALID: 'RECORD_REVIEW',
  SUSPENDED: 'SUSPEND',
  WITHDRAWN: 'WITHDRAW',
};
const RENEWAL_ACTION: Record<RenewalStatus, string> = {
  OPEN: 'OPEN_RENEWAL',
  GRANTED: 'RENEWAL_GRANTED',
  REFUSED: 'RENEWAL_REFUSED',
  CLOSED: 'RENEWAL_CLOSED',
};

describe('case counters, kept by the read-model writes', () => {
  it('equal a recount from vetting_case through transitions, retried and late writes and a team move', async () => {
    const a = randomUUID();
    const steps: [string, number, Step][] = [
      [a, 1, { stage: 'ELIGIBILITY_SCREENING', hours: -100 }],
      [
        a,
        2,
        {
          stage: 'QUESTIONNAIRE',
          from: 'ELIGIBILITY_SCREENING',
          hours: -90,
          dueAt: at(48),
          atRiskAt: at(24),
        },
      ],
      // The activity retried: the same event again changes nothing.
      [
        a,
        2,
        {
          stage: 'QUESTIONNAIRE',
          from: 'ELIGIBILITY_SCREENING',
          hours: -90,
          dueAt: at(48),
          atRiskAt: at(24),
        },
      ],
      // A note (no stage change) that moves the clock: now at risk.
      [a, 3, { stage: 'QUESTIONNAIRE', from: 'QUESTIONNAIRE', hours: -80, dueAt: at(48), atRiskAt: at(-1) }],
      [a, 4, { stage: 'INVESTIGATION', from: 'QUESTIONNAIRE', hours: -60, dueAt: at(-2), atRiskAt: at(-30) }],
      // An older write arriving late: the row does not move back, nor do the counters.
      [a, 3, { stage: 'QUESTIONNAIRE', from: 'QUESTIONNAIRE', hours: -80, dueAt: at(48), atRiskAt: at(-1) }],
    ];
    const b = randomUUID();
    steps.push(
      [b, 1, { stage: 'ELIGIBILITY_SCREENING', team: 'team-b', hours: -200 }],
      [b, 2, { stage: 'QUESTIONNAIRE', from: 'ELIGIBILITY_SCREENING', team: 'team-b', hours: -150 }],
      // Paused after its deadline: breached for as long as it stays paused.
      [
        b,
        3,
        {
          stage: 'QUESTIONNAIRE',
          from: 'QUESTIONNAIRE',
          team: 'team-b',
          hours: -10,
          dueAt: at(-5),
          atRiskAt: at(-20),
          pausedSince: at(-4),
        },
      ],
    );
    const c = randomUUID();
    steps.push(
      [c, 1, { stage: 'ELIGIBILITY_SCREENING', hours: -300, applicant: 'admin-1' }],
      [c, 2, { stage: 'DECISION', from: 'ELIGIBILITY_SCREENING', hours: -250, applicant: 'admin-1' }],
      // Moved to another team: its finished visits follow it.
      [c, 3, { stage: 'DECISION', from: 'DECISION', team: 'team-b', hours: -240, applicant: 'admin-1' }],
    );
    const d = randomUUID();
    steps.push(
      [d, 1, { stage: 'ELIGIBILITY_SCREENING', team: null, hours: -50, dueAt: at(-30) }],
      [
        d,
        2,
        { stage: 'INVESTIGATION', from: 'ELIGIBILITY_SCREENING', team: null, hours: -40, dueAt: at(-30) },
      ],
    );
    for (const [id, seq, step] of steps) {
      await store.recordTransition(transition(id, seq, step));
      expect(await counters()).toEqual(await recount());
    }
    steps.length = 0;
    // Closing: outcomes and the DV target.
    await store.recordTransition(
      transition(b, 4, {
        stage: 'GRANTED',
        from: 'QUESTIONNAIRE',
        status: 'CLOSED',
        outcome: 'GRANTED',
        team: 'team-b',
        targetMet: true,
        hours: -1,
      }),
    );
    await store.recordTransition(
      transition(d, 3, {
        stage: 'WITHDRAWN',
        from: 'INVESTIGATION',
        status: 'CLOSED',
        outcome: 'WITHDRAWN',
        team: null,
        targetMet: false,
        hours: -1,
      }),
    );
    expect(await counters()).toEqual(await recount());
    expect(
      await db.query(`SELECT n::int FROM case_counter WHERE metric = 'status' AND key = 'CLOSED'`),
    ).toEqual(expect.arrayContaining([{ n: 1 }]));
    await expectFiguresMatchFullScan();
    // The trend: four cases opened about six weeks ago, two decided in the last hour (one within target); the
    // withdrawn case's target was judged too, so it counts as decided.
    const trend = await dashboard.weeklyTrend(12);
    expect(trend).toHaveLength(12);
    const total = (pick: (w: (typeof trend)[number]) => number): number =>
      trend.reduce((n, w) => n + pick(w), 0);
    expect([total((w) => w.opened), total((w) => w.decided), total((w) => w.decidedWithinTarget)]).toEqual([
      4, 2, 1,
    ]);
  });

  it('count aftercare figures (overdue appraisals, renewals due, the renewal share) as a full scan does', async () => {
    const day = (offset: number): string =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    /** A granted case of `team` and its clearance, moved by its events to the given facts. */
    const clearance = async (
      team: string,
      facts: {
        status: ClearanceStatus;
        appraisal: AppraisalStatus | null;
        renewal: RenewalStatus | null;
        renewalDueInDays: number;
      },
    ): Promise<string> => {
      const caseId = randomUUID();
      await store.recordTransition(
        transition(caseId, 1, { stage: 'GRANTED', status: 'CLOSED', outcome: 'GRANTED', team, hours: -5 }),
      );
      const clearanceId = randomUUID();
      const renewalDue = day(facts.renewalDueInDays);
      await clearances.record({
        caseId,
        clearanceId,
        personId: `holder-${caseId}`,
        level: 'DV',
        grantedOn: day(-3000),
        reviewDue: renewalDue,
        conditions: [],
      });
      const state = grantedClearance(
        {
          clearanceId,
          caseId,
          holderId: `holder-${caseId}`,
          sponsorId: null,
          grantedOn: day(-3000),
          renewalDue,
          conditions: [],
        },
        at(-5),
      );
      // Events as the workflow writes them: the appraisal's, then the renewal's (the backfill reads the latest).
      const event = (seq: number, action: string, toStatus: ClearanceStatus) => ({
        clearanceId,
        seq,
        action,
        actorRole: 'SYSTEM',
        actorId: 'system',
        fromStatus: 'VALID' as const,
        toStatus,
        at: at(-5 + seq),
        detail: {},
      });
      const appraisal = facts.appraisal ? { n: 1, status: facts.appraisal, dueAt: at(-100) } : null;
      if (facts.appraisal) {
        await clearances.recordEvent(event(1, APPRAISAL_ACTION[facts.appraisal], 'VALID'), {
          ...state,
          seq: 1,
          appraisal,
        });
      }
      if (facts.renewal) {
        await clearances.recordEvent(event(2, RENEWAL_ACTION[facts.renewal], facts.status), {
          ...state,
          seq: 2,
          status: facts.status,
          appraisal,
          renewal: {
            caseId: randomUUID(),
            status: facts.renewal,
            openedAt: at(-3),
            openedBy: 'SPONSOR',
            closedAt: null,
            successorId: null,
          },
        });
      } else {
        await clearances.recordEvent(event(2, STATUS_ACTION[facts.status] ?? 'RECORD_REVIEW', facts.status), {
          ...state,
          seq: 2,
          status: facts.status,
          appraisal,
        });
      }
      return clearanceId;
    };
    const renewed = await clearance('team-a', {
      status: 'VALID',
      appraisal: 'OVERDUE',
      renewal: null,
      renewalDueInDays: 400,
    });
    await clearance('team-a', {
      status: 'SUSPENDED',
      appraisal: 'OVERDUE',
      renewal: null,
      renewalDueInDays: 30,
    });
    await clearance('team-b', { status: 'VALID', appraisal: 'DUE', renewal: 'OPEN', renewalDueInDays: 60 });
    // Ended: neither its overdue appraisal nor its date counts.
    await clearance('team-b', {
      status: 'WITHDRAWN',
      appraisal: 'OVERDUE',
      renewal: null,
      renewalDueInDays: 10,
    });
    // Past its date but held valid while its renewal is open: due (overdue, in fact).
    await clearance('team-a', {
      status: 'VALID',
      appraisal: 'SUBMITTED',
      renewal: 'OPEN',
      renewalDueInDays: -5,
    });
    await clearance('team-a', { status: 'VALID', appraisal: null, renewal: null, renewalDueInDays: 91 });

    // Renewal cases: one decided on time, one late, one still open; and an ordinary case decided on time.
    const onTime = randomUUID();
    const late = randomUUID();
    const open = randomUUID();
    const renewal = { renewalOf: renewed, hours: -2 };
    await store.recordTransition(transition(onTime, 1, { stage: 'QUESTIONNAIRE', ...renewal }));
    await store.recordTransition(
      transition(onTime, 2, {
        stage: 'GRANTED',
        from: 'DECISION',
        status: 'CLOSED',
        outcome: 'GRANTED',
        targetMet: true,
        ...renewal,
      }),
    );
    await store.recordTransition(
      transition(late, 1, {
        stage: 'REFUSED',
        status: 'CLOSED',
        outcome: 'REFUSED',
        targetMet: false,
        team: 'team-b',
        ...renewal,
      }),
    );
    await store.recordTransition(transition(open, 1, { stage: 'QUESTIONNAIRE', ...renewal }));
    await store.recordTransition(
      transition(randomUUID(), 1, {
        stage: 'GRANTED',
        status: 'CLOSED',
        outcome: 'GRANTED',
        targetMet: true,
        hours: -2,
      }),
    );
    expect(await counters()).toEqual(await recount());

    expect(await dashboard.aftercare(90)).toEqual({
      appraisalsOverdue: 2,
      renewalsDue: 3,
      renewalsDueOpen: 2,
      renewalsDecided: 2,
      renewalsWithinTarget: 1,
    });
    expect(await dashboard.aftercare(90, 'team-a')).toEqual({
      appraisalsOverdue: 2,
      renewalsDue: 2,
      renewalsDueOpen: 1,
      renewalsDecided: 1,
      renewalsWithinTarget: 1,
    });
    await expectFiguresMatchFullScan();

    // The migration's backfill of the clearance columns reads the same from the events.
    const facts = (): Promise<unknown[]> =>
      db.query(`SELECT id, appraisal_status, renewal_status FROM clearance ORDER BY id`);
    const written = await facts();
    await db.query(`UPDATE clearance SET appraisal_status = NULL, renewal_status = NULL`);
    await backfillClearanceFacts(db.manager);
    expect(await facts()).toEqual(written);
  });

  it('stay exact under concurrent writers moving cases of the same team between the same stages', async () => {
    const ids = Array.from({ length: 24 }, () => randomUUID());
    await Promise.all(
      ids.map((id) => store.recordTransition(transition(id, 1, { stage: 'QUESTIONNAIRE', hours: -500 }))),
    );
    // Half go one way and half the other: writers that would lock the same two counters in opposite orders.
    await Promise.all(
      ids.map((id, i) =>
        store.recordTransition(
          transition(id, 2, {
            stage: i % 2 === 0 ? 'INVESTIGATION' : 'RECORD_CHECKS',
            from: 'QUESTIONNAIRE',
            hours: -400 + i,
            dueAt: at(i - 12),
            atRiskAt: at(i - 20),
          }),
        ),
      ),
    );
    await Promise.all(
      ids.map((id, i) =>
        store.recordTransition(
          transition(id, 3, {
            stage: i % 2 === 0 ? 'RECORD_CHECKS' : 'INVESTIGATION',
            from: i % 2 === 0 ? 'INVESTIGATION' : 'RECORD_CHECKS',
            // Entered over a week of days, so the median is found across the per-day counts.
            hours: -3 - i * 7,
            dueAt: at(12 - i),
          }),
        ),
      ),
    );
    expect(await counters()).toEqual(await recount());
    await expectFiguresMatchFullScan();
  });

  it('give the median working days per stage of the latest visits as the Node count did', async () => {
    // Cases whose visits span weekends, Easter, Christmas substitutes and year ends, 2020 to 2031 (the holiday list
    // ends with 2030), in two teams; every visit ends at a different instant, so "the latest n" is one set.
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const moves: [string | null, string][] = [
      [null, 'QUESTIONNAIRE'],
      ['QUESTIONNAIRE', 'RECORD_CHECKS'],
      ['RECORD_CHECKS', 'RECORD_CHECKS'], // a note: no visit ends
      ['RECORD_CHECKS', 'INVESTIGATION'],
      ['INVESTIGATION', 'RECOMMENDATION'],
    ];
    for (let i = 0; i < 40; i += 1) {
      const id = randomUUID();
      let t = Date.parse('2019-12-20T00:00:00Z') + i * 100 * 86_400_000 + Math.floor(random() * 86_400_000);
      const times = moves.map((_, seq) => {
        if (seq > 0) t += Math.floor(random() * 12 * 86_400_000) + seq;
        return new Date(t).toISOString();
      });
      await db.query(
        `INSERT INTO vetting_case (id, workflow_id, stage, status, team, opened_at, stage_entered_at, last_event_seq)
         VALUES ($1, $2, 'RECOMMENDATION', 'OPEN', $3, $4, $5, 5)`,
        [id, `vetting-case-${id}`, i % 3 === 0 ? 'team-b' : 'team-a', times[0], times[4]],
      );
      await db.query(
        `INSERT INTO case_event (case_id, seq, actor, action, from_stage, to_stage, occurred_at)
         SELECT $1, s, 'officer-1', 'MOVE', f, t, o FROM unnest($2::text[], $3::text[], $4::timestamptz[])
           WITH ORDINALITY AS m(f, t, o, s)`,
        [id, moves.map((m) => m[0]), moves.map((m) => m[1]), times],
      );
    }
    for (const team of [null, 'team-a', 'team-b']) {
      for (const calendar of ['england-and-wales', 'none']) {
        // All of them, and the latest few (an odd and an even count per stage among them).
        for (const limit of [10_000, 25, 24]) await expectMediansMatchFullScan(limit, team, calendar);
      }
    }
    // The summary as HR and a team lead see it, against the same service over the old computation.
    const config = loadConfig({ DATABASE_URL: 'postgres://unused@localhost:5432/unused' });
    const hr = { subject: 'hr-1', roles: ['HR_ANALYST' as const] };
    const lead = { subject: 'lead-1', roles: ['TEAM_LEAD' as const], team: 'team-b' };
    for (const principal of [hr, lead]) {
      const summary = await new DashboardService(dashboard, config).summary(principal);
      const old = await new DashboardService(fullScan, config).summary(principal);
      expect(summary.sla.medianWorkingDaysByStage).toEqual(old.sla.medianWorkingDaysByStage);
      expect(summary.sla.medianWorkingDaysByStage.INVESTIGATION).toEqual(expect.any(Number));
    }
    expect(await counters()).toEqual(await recount());
    await expectFiguresMatchFullScan();
  });

  it('are backfilled from the rows that exist when the migration runs', async () => {
    const before = { counters: await counters(), visits: await visits() };
    expect(before.counters.length).toBeGreaterThan(0);
    expect(before.visits.length).toBeGreaterThan(0);
    const runner = db.createQueryRunner();
    try {
      const counters = new CaseCounters1764082000000();
      const trend = new WeeklyTrend1764082900000();
      const workingDays = new StageVisitWorkingDays1764097930000();
      await workingDays.down(runner);
      await trend.down(runner);
      await counters.down(runner);
      await counters.up(runner);
      await trend.up(runner);
      await installRenewalCounter(runner);
      await workingDays.up(runner);
    } finally {
      await runner.release();
    }
    expect(await counters()).toEqual(before.counters);
    expect(await visits()).toEqual(before.visits);
  });
});
