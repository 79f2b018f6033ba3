// Equal-opportunity monitoring on real PostgreSQL with the real migrations: where the answers live, what the
// database refuses, the upsert, and the aggregate query behind the dashboard. The dashboard counts every case,
// so this suite uses a database of its own rather than the one the other suites fill.
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MonitoringService } from '../../apps/api/src/monitoring/monitoring.service';
import type { CasesService } from '../../apps/api/src/cases/cases.service';
import type { CaseSnapshot } from '../../libs/contracts/src';
import type { Principal, Stage } from '../../libs/domain/src';
import { DomainError } from '../../libs/domain/src';
import type { MonitoringAnswers } from '../../libs/domain/src/monitoring';
import {
  DEFAULT_SUPPRESSION_POLICY,
  MONITORING_CATEGORIES,
  MONITORING_QUESTIONS,
} from '../../libs/domain/src/monitoring';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { MONITORING_RESPONSE_COLUMNS } from '../../libs/persistence/src/entities/monitoring-response.entity';
import { runMigrations } from '../../libs/persistence/src/migrate';
import { MonitoringReadModel } from '../../libs/persistence/src/read-model';
import { createDatabaseIfMissing, databaseUrl, dropDatabase } from '../../scripts/lib/database';
import { testDatabaseUrl } from '../support/env';

// The run's prefix and a base-36 time, so the run's stale-database sweep recognises it if this suite dies.
const DATABASE = `vetting_test_${Date.now().toString(36)}_monitoring_${randomBytes(3).toString('hex')}`;
const applicant: Principal = { subject: 'applicant-integration', roles: ['APPLICANT'] };

let db: DataSource;
let service: MonitoringService;
const owners = new Map<string, string | null>();

beforeAll(async () => {
  await createDatabaseIfMissing(testDatabaseUrl(), DATABASE);
  const url = databaseUrl(testDatabaseUrl(), DATABASE);
  await runMigrations(url);
  db = createDataSource(url);
  await db.initialize();
  // Only requireSnapshot is used: the case exists if this suite created it, and belongs to whoever it says.
  const cases = {
    requireSnapshot: (caseId: string): Promise<CaseSnapshot> => {
      if (!owners.has(caseId)) {
        return Promise.reject(new DomainError('CASE_NOT_FOUND', `no case with id ${caseId}`, { caseId }));
      }
      return Promise.resolve({ caseId, applicantId: owners.get(caseId) ?? null } as CaseSnapshot);
    },
  } as unknown as CasesService;
  service = new MonitoringService(new MonitoringReadModel(db), cases, DEFAULT_SUPPRESSION_POLICY);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await dropDatabase(testDatabaseUrl(), DATABASE);
});

beforeEach(async () => {
  await db.query('DELETE FROM monitoring.response');
  await db.query('DELETE FROM vetting_case');
  owners.clear();
});

/** A case row as the activities would leave it, owned by `owner`. */
async function newCase(
  stage: Stage = 'QUESTIONNAIRE',
  owner: string | null = applicant.subject,
): Promise<string> {
  const id = randomUUID();
  const closed = [
    'GRANTED',
    'GRANTED_WITH_CONDITIONS',
    'REFUSED',
    'INELIGIBLE',
    'WITHDRAWN',
    'LAPSED',
  ].includes(stage);
  await db.query(
    `INSERT INTO vetting_case (id, workflow_id, stage, status, applicant_id, opened_at, stage_entered_at, last_event_seq)
     VALUES ($1, $2, $3, $4, $5, now(), now(), 1)`,
    [id, `vetting-case-${id}`, stage, closed ? 'CLOSED' : 'OPEN', owner],
  );
  owners.set(id, owner);
  return id;
}

interface ResponseRow {
  ethnicity: string | null;
  religion: string | null;
  version: number;
  submitted_at: Date;
}

async function responseOf(caseId: string): Promise<ResponseRow[]> {
  return db.query(
    'SELECT ethnicity, religion, version, submitted_at FROM monitoring.response WHERE case_id = $1',
    [caseId],
  );
}

describe('monitoring storage', () => {
  it('keeps the answers in the monitoring schema, with no foreign key to the case tables', async () => {
    const tables: { table_schema: string }[] = await db.query(
      `SELECT table_schema FROM information_schema.tables WHERE table_name = 'response'`,
    );
    expect(tables).toEqual([{ table_schema: 'monitoring' }]);
    const foreignKeys: unknown[] = await db.query(
      `SELECT 1 FROM information_schema.table_constraints
        WHERE table_schema = 'monitoring' AND constraint_type = 'FOREIGN KEY'`,
    );
    expect(foreignKeys).toEqual([]);
  });

  it.each(MONITORING_CATEGORIES)(
    'accepts every %s answer the domain offers, and nothing else',
    async (category) => {
      const column = MONITORING_RESPONSE_COLUMNS[category];
      const insert = (value: string): Promise<unknown> =>
        db.query(
          `INSERT INTO monitoring.response (case_id, ${column}, submitted_at) VALUES ($1, $2, now())`,
          [randomUUID(), value],
        );
      for (const answer of MONITORING_QUESTIONS[category])
        await expect(insert(answer)).resolves.toBeDefined();
      await expect(insert('NOT_ANSWERED')).rejects.toThrow(/check constraint/);
      await expect(insert(MONITORING_QUESTIONS[category][0].toLowerCase())).rejects.toThrow(
        /check constraint/,
      );
    },
  );

  it('holds one response per case', async () => {
    const caseId = randomUUID();
    const insert = (): Promise<unknown> =>
      db.query(`INSERT INTO monitoring.response (case_id, submitted_at) VALUES ($1, now())`, [caseId]);
    await insert();
    await expect(insert()).rejects.toThrow(/uq_monitoring_response_case_id/);
  });
});

describe('MonitoringService.submit', () => {
  it('records the answers once, and a repeat with the same answers changes nothing', async () => {
    const caseId = await newCase();
    await service.submit(applicant, caseId, { ethnicity: 'WHITE', religion: 'NO_RELIGION' });
    const [first] = await responseOf(caseId);
    await service.submit(applicant, caseId, { ethnicity: 'WHITE', religion: 'NO_RELIGION' });
    expect(await responseOf(caseId)).toEqual([first]);
    expect(first).toMatchObject({ ethnicity: 'WHITE', religion: 'NO_RELIGION', version: 1 });
  });

  it('replaces the whole set: a changed answer is updated and a left-out one is cleared', async () => {
    const caseId = await newCase();
    await service.submit(applicant, caseId, { ethnicity: 'WHITE', religion: 'NO_RELIGION' });
    await service.submit(applicant, caseId, { ethnicity: 'PREFER_NOT_TO_SAY' });
    expect(await responseOf(caseId)).toEqual([
      expect.objectContaining({ ethnicity: 'PREFER_NOT_TO_SAY', religion: null, version: 2 }),
    ]);
  });

  it("answers CASE_NOT_FOUND for someone else's case and stores nothing", async () => {
    const caseId = await newCase('QUESTIONNAIRE', 'applicant-someone-else');
    await expect(service.submit(applicant, caseId, { sex: 'FEMALE' })).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    expect(await responseOf(caseId)).toEqual([]);
  });

  it('answers CASE_NOT_FOUND for a case that does not exist', async () => {
    await expect(service.submit(applicant, randomUUID(), { sex: 'FEMALE' })).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
  });
});

describe('MonitoringService.report', () => {
  async function population(groups: [MonitoringAnswers, Stage, number][]): Promise<void> {
    for (const [answers, stage, count] of groups) {
      for (let i = 0; i < count; i += 1) {
        const caseId = await newCase(stage);
        if (Object.keys(answers).length > 0) await service.submit(applicant, caseId, answers);
      }
    }
  }

  it('counts cases per group and stage group in SQL, with no response as NOT_ANSWERED', async () => {
    await population([
      [{ sex: 'FEMALE' }, 'QUESTIONNAIRE', 12],
      [{ sex: 'FEMALE' }, 'INELIGIBLE', 11],
      [{ sex: 'MALE' }, 'INVESTIGATION', 14],
      [{ sex: 'MALE' }, 'WITHDRAWN', 10],
      [{ sex: 'PREFER_NOT_TO_SAY' }, 'ELIGIBILITY_SCREENING', 10],
      [{ sex: 'PREFER_NOT_TO_SAY' }, 'LAPSED', 10],
      [{ religion: 'CHRISTIAN' }, 'DECISION', 10],
      [{}, 'RECORD_CHECKS', 13],
    ]);
    const report = await service.report('sex');
    const byGroup = Object.fromEntries(report.groups.map((g) => [g.group, g]));
    // Nobody is granted or refused, so those zeros are hidden, and with them one more cell in every row.
    expect(byGroup.FEMALE).toMatchObject({ applied: { value: 25 }, inProgress: { value: 10 } });
    expect(byGroup.FEMALE.closedWithoutDecision).toEqual({ suppressed: true });
    expect(byGroup.MALE).toMatchObject({ applied: { value: 25 }, inProgress: { value: 15 } });
    // Answered religion only, or nothing at all: both are "not answered" for sex.
    expect(byGroup.NOT_ANSWERED).toMatchObject({ applied: { value: 25 }, inProgress: { suppressed: true } });
    expect(report.allCases).toMatchObject({ applied: { value: 90 }, inProgress: { value: 60 } });
    // From the published totals: 90 less 20 who preferred not to say and 25 with no answer is 45 of 90 (the
    // real 47 of 90 would move with every answer given).
    expect(report.declarationRate).toBe(0.5);
    expect(report.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('suppresses a group of one and never lets a case id into the answer', async () => {
    const lone = await newCase('QUESTIONNAIRE');
    await service.submit(applicant, lone, { ethnicity: 'OTHER_ETHNIC_GROUP' });
    await population([[{ ethnicity: 'WHITE' }, 'QUESTIONNAIRE', 30]]);
    const report = await service.report('ethnicity');
    const other = report.groups.find((g) => g.group === 'OTHER_ETHNIC_GROUP');
    expect(other?.applied).toEqual({ suppressed: true });
    expect(JSON.stringify(report)).not.toContain(lone);
  });

  it('differencing attack: the dashboard before and after one decision changes no figure when no published count changed', async () => {
    // 25 granted and 25 refused women, then one more grant: every rounded count stays as it was, and a success
    // rate from the real counts went 0.50 → 0.51, telling that the decision was a woman's and a grant.
    await population([
      [{ sex: 'FEMALE' }, 'INVESTIGATION', 29],
      [{ sex: 'FEMALE' }, 'GRANTED', 25],
      [{ sex: 'FEMALE' }, 'REFUSED', 25],
      [{ sex: 'FEMALE' }, 'WITHDRAWN', 10],
      [{ sex: 'MALE' }, 'INVESTIGATION', 30],
      [{ sex: 'MALE' }, 'GRANTED', 20],
      [{ sex: 'MALE' }, 'REFUSED', 20],
      [{ sex: 'MALE' }, 'WITHDRAWN', 10],
      [{ sex: 'PREFER_NOT_TO_SAY' }, 'QUESTIONNAIRE', 10],
      [{ sex: 'PREFER_NOT_TO_SAY' }, 'GRANTED', 10],
      [{ sex: 'PREFER_NOT_TO_SAY' }, 'REFUSED', 10],
      [{ sex: 'PREFER_NOT_TO_SAY' }, 'LAPSED', 10],
      [{}, 'QUESTIONNAIRE', 10],
      [{}, 'GRANTED', 10],
      [{}, 'REFUSED', 10],
      [{}, 'INELIGIBLE', 10],
    ]);
    const awaiting = await newCase('DECISION');
    await service.submit(applicant, awaiting, { sex: 'FEMALE' });
    // Only the time it was generated may differ.
    const before = { ...(await service.report('sex')), generatedAt: '' };

    // The decision, as the case activities record it in the read-model.
    await db.query(`UPDATE vetting_case SET stage = 'GRANTED', status = 'CLOSED' WHERE id = $1`, [awaiting]);
    const after = { ...(await service.report('sex')), generatedAt: '' };

    const counts = (report: typeof before): unknown[] =>
      [...report.groups, report.allCases].map(
        ({ applied, inProgress, granted, refused, closedWithoutDecision }) => [
          applied,
          inProgress,
          granted,
          refused,
          closedWithoutDecision,
        ],
      );
    expect(counts(after)).toEqual(counts(before));
    expect(after.groups.find((g) => g.group === 'FEMALE')?.successRate).toBe(0.5);
    expect(after).toEqual(before);
  });
});
