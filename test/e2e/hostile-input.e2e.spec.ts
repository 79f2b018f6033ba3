import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../libs/domain/src';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ApiHarness } from '../support/api-harness';
import { testDatabaseUrl } from '../support/env';
import { eligibleApplication } from '../support/fixtures';
import { adjudicator, admin, lead, officer, sponsor, TEAM } from '../support/principals';
import { seedReadModelCase } from '../support/seed';

/**
 * Property: no generated malformed or hostile request gets a 5xx, and none changes any state. Runs 10,000
 * requests against the real API and PostgreSQL (no worker: nothing valid enough to reach a workflow exists here).
 */
const RUNS = 10_000;
const api = new ApiHarness(
  { RATE_LIMIT_PER_MINUTE: '1000000', UPDATE_TIMEOUT_MS: '1000' },
  { worker: false },
);
let db: DataSource;
const caseId = randomUUID();
const applicant: Principal = { subject: 'applicant-fuzz', roles: ['APPLICANT'] };

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "'; DROP TABLE vetting_case; --",
    '" OR 1=1 --',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '\u0000\u202e\ud800',
    '{{7*7}}',
    '${jndi:ldap://x}',
    '__proto__',
    'constructor',
    'x'.repeat(5000),
    '9999-99-99',
    '2023-02-29',
    '-1',
    'NaN',
  ),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 5 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 4 }),
  fc.constant({ __proto__: { isAdmin: true } }),
);

const REQUIRED_APPLICATION_FIELDS = [
  'givenName',
  'familyName',
  'email',
  'dateOfBirth',
  'intendedStartDate',
  'nationality',
  'addressHistory',
  'discretionAcknowledged',
] as const;

/** A valid application with one required field broken (wrong type, hostile text, removed) or an unknown field added. */
const malformedApplication = fc
  .tuple(
    fc.constantFrom(...REQUIRED_APPLICATION_FIELDS),
    fc.oneof(hostileValue, fc.constant(undefined)),
    fc.boolean(),
    hostileString,
  )
  .map(([field, value, addUnknown, unknownKey]) => {
    const app: Record<string, unknown> = { ...eligibleApplication() };
    if (value === undefined) delete app[field];
    else
      app[field] =
        typeof value === 'string' && field === 'discretionAcknowledged' ? value : breakType(field, value);
    if (addUnknown && !(unknownKey in app)) app[`unknown_${unknownKey}`] = true;
    return app;
  });

/** Ensures the replacement cannot be a valid value for the field it replaces. */
function breakType(field: string, value: unknown): unknown {
  if (field === 'discretionAcknowledged') return typeof value === 'boolean' ? String(value) : value;
  if (field === 'nationality' || field === 'addressHistory')
    return typeof value === 'object' && value !== null ? [value, 'x'] : value;
  if (field === 'email') return typeof value === 'string' ? `${value} not an email` : value;
  if (field === 'givenName' || field === 'familyName') return typeof value === 'string' ? '' : value;
  return typeof value === 'string' ? `not-a-date ${value}` : value;
}

const ACTION_PATHS: [string, Principal][] = [
  ['assignment', lead],
  ['residency-exception/decision', officer],
  ['questionnaire/acceptance', officer],
  ['questionnaire/return', officer],
  ['stages/RECORD_CHECKS/completion', officer],
  ['stages/%2e%2e/completion', officer],
  ['recommendation', officer],
  ['decision', adjudicator],
  ['withdrawal', sponsor],
];

type Probe = {
  method: 'get' | 'post';
  url: string;
  principal: Principal | null;
  body?: unknown;
  raw?: string;
  headers: Record<string, string>;
};

const caseRef = fc.oneof(
  fc.constant(caseId),
  fc.uuid(),
  hostileString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '?'))),
);
// HTTP clients refuse control characters in headers, so header values are hostile within what can be sent.
const headerText = hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, '?'));
const headers = fc.record(
  {
    'Idempotency-Key': fc.oneof(headerText, fc.constant('valid-key-0001')),
    'X-Access-Reason': headerText,
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, string>>;

const probe: fc.Arbitrary<Probe> = fc.oneof(
  fc.record({ body: malformedApplication, headers }).map(({ body, headers: h }): Probe => ({
    method: 'post',
    url: '/applications',
    principal: applicant,
    body,
    headers: h,
  })),
  fc.record({ body: hostileValue, headers }).map(({ body, headers: h }): Probe => ({
    method: 'post',
    url: '/applications',
    principal: applicant,
    body,
    headers: h,
  })),
  fc
    .record({
      action: fc.constantFrom(...ACTION_PATHS),
      id: caseRef,
      body: fc.oneof(hostileValue, fc.dictionary(hostileString, hostileValue)),
      headers,
    })
    .map(({ action: [path, who], id, body, headers: h }): Probe => ({
      method: 'post',
      url: `/cases/${id}/${path}`,
      principal: who,
      body,
      headers: h,
    })),
  fc
    .record({
      query: fc.dictionary(
        fc.constantFrom('stage', 'status', 'assignee', 'page', 'pageSize', 'sort', 'unassigned', 'x'),
        hostileString,
      ),
      who: fc.constantFrom(officer, lead, admin),
    })
    .map(({ query, who }): Probe => ({
      method: 'get',
      url: `/cases?${new URLSearchParams(query).toString()}`,
      principal: who,
      headers: {},
    })),
  fc
    .record({ id: caseRef, who: fc.constantFrom(officer, sponsor, applicant, admin), headers })
    .map(({ id, who, headers: h }): Probe => ({
      method: 'get',
      url: `/cases/${id}`,
      principal: who,
      headers: h,
    })),
  fc
    .record({ body: fc.string({ maxLength: 200 }), token: fc.oneof(fc.constant(null), hostileString) })
    .map(({ body, token }): Probe => ({
      method: 'post',
      url: '/applications',
      principal: null,
      raw: body,
      headers: token === null ? {} : { Authorization: `Bearer ${token.replace(/[^\x20-\x7e]/g, '?')}` },
    })),
);

async function stateFingerprint(): Promise<string> {
  const rows: unknown[] = await db.query(`
    SELECT (SELECT count(*) FROM vetting_case) AS cases,
           (SELECT count(*) FROM case_event) AS events,
           (SELECT count(*) FROM application_intake) AS intakes,
           (SELECT string_agg(id::text || ':' || version, ',' ORDER BY id) FROM vetting_case) AS versions`);
  return JSON.stringify(rows);
}

beforeAll(async () => {
  await api.start();
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
  await seedReadModelCase(db, caseId, {
    stage: 'DECISION',
    assignee: officer.subject,
    team: TEAM,
    sponsorId: sponsor.subject,
    applicantId: applicant.subject,
  });
}, 120_000);
afterAll(async () => {
  await db.destroy();
  await api.stop();
});

it(`answers ${RUNS} hostile requests with no 5xx and no state change`, async () => {
  const before = await stateFingerprint();
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(probe, async (p) => {
      let req = p.method === 'get' ? request(api.server).get(p.url) : request(api.server).post(p.url);
      if (p.principal) req = req.set('Authorization', `Bearer ${await api.tokenFor(p.principal)}`);
      for (const [k, v] of Object.entries(p.headers)) req = req.set(k, v);
      if (p.method === 'post') {
        // Raw strings go as they are (often not JSON at all); anything else is sent as its JSON text.
        req = req.set('Content-Type', 'application/json').send(p.raw ?? JSON.stringify(p.body ?? null));
      }
      const res = await req;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500)
        throw new Error(`${p.method.toUpperCase()} ${p.url} → ${res.status}: ${JSON.stringify(res.body)}`);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+|QueryFailedError|SELECT .* FROM/);
    }),
    { numRuns: RUNS, seed: 20261125 },
  );
  expect(await stateFingerprint()).toBe(before);
  console.log('hostile-input status mix', Object.fromEntries([...statuses.entries()].sort()));
}, 600_000);
