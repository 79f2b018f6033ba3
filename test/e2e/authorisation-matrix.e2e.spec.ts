import { completeBaselineDeclaration } from '../support/questionnaire-fixture';
import { randomUUID } from 'node:crypto';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AUDITED_ACTION } from '../../apps/api/src/audit/audited.decorator';
import {
  ALLOWED_ROLES,
  CASE_ACTION_ROUTE,
  CLEARANCE_ACTION_ROUTE,
  PUBLIC_ROUTE,
} from '../../apps/api/src/auth/auth.decorators';
import type { CaseAction, ClearanceAction, Principal, Role } from '../../libs/domain/src';
import {
  CLEARANCE_TRANSITIONS,
  ROLES,
  TRANSITIONS,
  clearanceRolesFor,
  grantedClearance,
  lodgedAppeal,
  rolesFor,
} from '../../libs/domain/src';
import { AppealStore } from '../../libs/persistence/src/appeal-store';
import { ClearanceStore } from '../../libs/persistence/src/clearance-store';
import { fieldCipher } from '../support/field-cipher';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { defaultPayloadConverter } from '@temporalio/common';
import { toPayloadsBody } from '../../apps/api/src/codec/codec-protocol';
import { AesGcmPayloadCodec, codecKeyringFromEnv } from '../../libs/codec/src';
import { caseWorkflowId } from '../../libs/contracts/src';
import { ApiHarness } from '../support/api-harness';
import { testDatabaseUrl } from '../support/env';
import { TEAM } from '../support/principals';
import { seedReadModelCase } from '../support/seed';

/**
 * Every route × every role × own / someone else's case. The routes come from the running app, so a new route
 * with no access rule, or one missing from ACCESS below, fails here. Nothing runs a workflow: the cases are
 * seeded in the read-model, and an allowed action on them ends at Temporal with 409 (no such workflow).
 */
/**
 * 'clearance': the route names a held clearance. Its holder (APPLICANT), sponsor and line manager see only their own (someone
 * else's is 404); officers and adjudicators act on any clearance by role, never on one they are a party to.
 */
/**
 * 'appeal': the route names an appeal. Its appellant (APPLICANT) sees only their own (someone else's is 404); appeal
 * officers and the panel secretary act on any appeal by role, never on their own.
 */
type Ownership = 'none' | 'case' | 'clearance' | 'appeal';
interface Rule {
  allowed: Role[] | 'PUBLIC';
  ownership: Ownership;
  body?: object;
  /** A body that depends on the case asked about (the codec's payloads are bound to a case). */
  bodyFor?: (caseId: string) => Promise<object>;
  query?: string;
  /**
   * The route authenticates by its own credential (a provider's signature), not a bearer token: every caller
   * here lacks it, token or not, and must get this status.
   */
  ownAuth?: number;
}

const ACCESS: Record<string, Rule> = {
  'GET /health': { allowed: 'PUBLIC', ownership: 'none' },
  'GET /health/live': { allowed: 'PUBLIC', ownership: 'none' },
  'GET /health/ready': { allowed: 'PUBLIC', ownership: 'none' },
  'POST /applications': { allowed: ['APPLICANT'], ownership: 'none', body: {} },
  // Scoped to the caller by the query itself; test/e2e/related-cases.e2e.spec.ts covers other people's cases.
  'GET /applications': { allowed: ['APPLICANT'], ownership: 'none' },
  'GET /sponsored-cases': { allowed: ['SPONSOR'], ownership: 'none' },
  // Scoped to the caller by the query itself; test/e2e/sponsorship-requests.e2e.spec.ts covers other sponsors.
  'GET /sponsorship-requests': { allowed: ['SPONSOR'], ownership: 'none' },
  'GET /cases': {
    allowed: ['VETTING_OFFICER', 'TEAM_LEAD', 'SENIOR_ADJUDICATOR', 'ADMIN'],
    ownership: 'none',
  },
  'GET /cases/:id': {
    allowed: ['VETTING_OFFICER', 'TEAM_LEAD', 'SENIOR_ADJUDICATOR', 'ADMIN', 'SPONSOR', 'APPLICANT'],
    ownership: 'case',
  },
  'POST /cases/:id/assignment': {
    allowed: ['TEAM_LEAD', 'ADMIN'],
    ownership: 'case',
    body: { officerId: 'officer-x' },
  },
  'POST /cases/:id/residency-exception/decision': {
    allowed: ['VETTING_OFFICER'],
    ownership: 'case',
    body: { decision: 'ALLOW', notes: 'n' },
  },
  'POST /cases/:id/baseline/submission': {
    allowed: ['APPLICANT'],
    ownership: 'case',
    body: completeBaselineDeclaration(),
  },
  'POST /cases/:id/baseline/outcome': {
    allowed: ['VETTING_OFFICER'],
    ownership: 'case',
    body: { outcome: 'NEEDS_INFORMATION', missingItems: ['x'] },
  },
  'POST /cases/:id/questionnaire/acceptance': { allowed: ['VETTING_OFFICER'], ownership: 'case', body: {} },
  'POST /cases/:id/questionnaire/return': {
    allowed: ['VETTING_OFFICER'],
    ownership: 'case',
    body: { items: ['x'] },
  },
  'POST /cases/:id/stages/:stage/completion': {
    allowed: ['VETTING_OFFICER'],
    ownership: 'case',
    body: { outcome: 'o' },
  },
  'POST /cases/:id/recommendation': {
    allowed: ['VETTING_OFFICER'],
    ownership: 'case',
    body: { recommendation: 'GRANT', assessment: 'a' },
  },
  'POST /cases/:id/decision': {
    allowed: ['SENIOR_ADJUDICATOR'],
    ownership: 'case',
    body: { outcome: 'GRANTED' },
  },
  'POST /cases/:id/withdrawal': {
    allowed: ['APPLICANT', 'SPONSOR'],
    ownership: 'case',
    body: { reason: 'r' },
  },
  'POST /cases/:id/sponsorship-confirmation': { allowed: ['SPONSOR'], ownership: 'case' },
  'POST /cases/:id/sponsorship-decline': { allowed: ['SPONSOR'], ownership: 'case', body: { reason: 'r' } },
  'GET /dashboard/summary': { allowed: ['HR_ANALYST', 'TEAM_LEAD', 'ADMIN'], ownership: 'none' },
  // A team lead's list covers their own team (another team is 403: test/e2e/staff-directory.e2e.spec.ts).
  'GET /staff': { allowed: ['TEAM_LEAD', 'ADMIN'], ownership: 'none' },
  'GET /refused-writes': { allowed: ['ADMIN'], ownership: 'none' },
  // ':failureId' stays literal in the URL: past the access check it answers 400 (not a whole number).
  'POST /refused-writes/:failureId/resolution': { allowed: ['ADMIN'], ownership: 'none' },
  // A sponsor may look up only the people they sponsor (the seeded own case's applicant).
  'GET /clearances/status': {
    allowed: ['SPONSOR', 'ADMIN'],
    ownership: 'none',
    query: '?personId=applicant-own',
  },
  'POST /cases/:id/tasks': {
    allowed: ['VETTING_OFFICER'],
    ownership: 'case',
    body: { kind: 'ENQUIRY', title: 't', details: {} },
  },
  'POST /cases/:id/tasks/:taskId/progress': {
    allowed: ['VETTING_OFFICER'],
    ownership: 'case',
    body: { details: {} },
  },
  'POST /cases/:id/tasks/:taskId/closure': {
    allowed: ['VETTING_OFFICER'],
    ownership: 'case',
    body: { outcome: 'o' },
  },
  'POST /cases/:id/tasks/:taskId/waiver': {
    allowed: ['VETTING_OFFICER'],
    ownership: 'case',
    body: { reason: 'r' },
  },
  'POST /cases/:id/tasks/:taskId/substitution': {
    allowed: ['VETTING_OFFICER'],
    ownership: 'case',
    body: { title: 't', details: {}, reason: 'r' },
  },
  'POST /cases/:id/recommendation/return': {
    allowed: ['SENIOR_ADJUDICATOR'],
    ownership: 'case',
    body: { reasons: ['r'] },
  },
  'PUT /cases/:id/questionnaire/draft': { allowed: ['APPLICANT'], ownership: 'case', body: {} },
  'GET /cases/:id/questionnaire/draft': { allowed: ['APPLICANT'], ownership: 'case' },
  'GET /cases/:id/baseline/declaration': { allowed: ['APPLICANT'], ownership: 'case' },
  'PUT /cases/:id/baseline/draft': { allowed: ['APPLICANT'], ownership: 'case', body: {} },
  'GET /cases/:id/baseline/draft': { allowed: ['APPLICANT'], ownership: 'case' },
  'GET /cases/:id/questionnaire/versions': {
    allowed: ['VETTING_OFFICER', 'TEAM_LEAD', 'SENIOR_ADJUDICATOR', 'ADMIN', 'APPLICANT'],
    ownership: 'case',
  },
  // ':version' stays literal in the URL: the own case answers 400 after the access check, the other one 404.
  'GET /cases/:id/questionnaire/versions/:version': {
    allowed: ['VETTING_OFFICER', 'TEAM_LEAD', 'SENIOR_ADJUDICATOR', 'ADMIN', 'APPLICANT'],
    ownership: 'case',
  },
  'PUT /cases/:id/monitoring': { allowed: ['APPLICANT'], ownership: 'case', body: {} },
  'GET /dashboard/equal-opportunity': { allowed: ['HR_ANALYST', 'ADMIN'], ownership: 'none' },
  'POST /cases/:id/questionnaire/submission': { allowed: ['APPLICANT'], ownership: 'case' },
  'POST /cases/:id/clock/pause': {
    allowed: ['VETTING_OFFICER'],
    ownership: 'case',
    body: { waitingOn: 'APPLICANT', reason: 'r' },
  },
  'POST /cases/:id/clock/resume': { allowed: ['VETTING_OFFICER'], ownership: 'case', body: {} },
  'POST /cases/:id/deadline/extension': {
    allowed: ['TEAM_LEAD'],
    ownership: 'case',
    body: { by: 1, reason: 'r' },
  },
  'GET /audit': { allowed: ['AUDITOR', 'ADMIN'], ownership: 'none' },
  'GET /audit/verify': { allowed: ['AUDITOR', 'ADMIN'], ownership: 'none' },
  // Decoding a payload is reading the case it is bound to: the same need-to-know as GET /cases/:id.
  'POST /codec/decode': {
    allowed: ['VETTING_OFFICER', 'SENIOR_ADJUDICATOR', 'ADMIN'],
    ownership: 'case',
    bodyFor: async (caseId) => {
      const payload = defaultPayloadConverter.toPayload({ matrix: true });
      const codec = new AesGcmPayloadCodec(codecKeyringFromEnv(api.env));
      const workflowId = caseWorkflowId(caseId);
      return toPayloadsBody(
        await codec.encode([payload], { type: 'workflow', namespace: 'default', workflowId }),
      );
    },
  },
  'POST /codec/encode': {
    allowed: ['VETTING_OFFICER', 'SENIOR_ADJUDICATOR', 'ADMIN'],
    ownership: 'none',
    body: { payloads: [] },
  },
  // Everyone has an inbox, scoped to the caller; test/e2e/inbox.e2e.spec.ts covers someone else's message.
  'GET /inbox': { allowed: [...ROLES], ownership: 'none' },
  'POST /inbox/read-all': { allowed: [...ROLES], ownership: 'none' },
  // ':notificationId' stays literal in the URL: past the access check it answers 400 (not a UUID).
  'POST /inbox/:notificationId/read': { allowed: [...ROLES], ownership: 'none' },
  'PUT /me/contact': { allowed: [...ROLES], ownership: 'none', body: { email: 'matrix@example.org' } },
  // ':invitationId' stays literal in the URL: past the access check it answers 400 (not a UUID), and an empty
  // body is 400 too, so no invitation workflow starts; test/e2e/invitations.e2e.spec.ts covers other people's.
  'POST /invitations': { allowed: ['SPONSOR'], ownership: 'none', body: {} },
  'GET /invitations': { allowed: ['SPONSOR'], ownership: 'none' },
  'GET /invitations/:invitationId': { allowed: ['SPONSOR', 'APPLICANT'], ownership: 'none' },
  'POST /invitations/:invitationId/withdrawal': { allowed: ['SPONSOR'], ownership: 'none' },
  // Aftercare (issue 12). No clearance-held workflow runs here: an allowed action ends at Temporal with 409.
  'GET /clearances/mine': { allowed: ['APPLICANT'], ownership: 'none' },
  // Scoped to the caller by the query itself; test/e2e/aftercare-line-manager.e2e.spec.ts covers other managers.
  'GET /clearances/managed': { allowed: ['LINE_MANAGER'], ownership: 'none' },
  'GET /clearances/review-tasks': { allowed: ['VETTING_OFFICER', 'TEAM_LEAD'], ownership: 'none' },
  'GET /clearances/referrals': { allowed: ['SENIOR_ADJUDICATOR'], ownership: 'none' },
  'GET /clearances/:clearanceId': {
    allowed: ['APPLICANT', 'SPONSOR', 'LINE_MANAGER', 'VETTING_OFFICER', 'SENIOR_ADJUDICATOR'],
    ownership: 'clearance',
  },
  // The referral's notes: to senior adjudicators by role (not one who reviewed it: aftercare.e2e.spec.ts).
  'GET /clearances/:clearanceId/referral-notes': { allowed: ['SENIOR_ADJUDICATOR'], ownership: 'clearance' },
  'POST /clearances/:clearanceId/manager-appraisals': {
    allowed: ['LINE_MANAGER'],
    ownership: 'clearance',
    body: { n: 1, conductConfirmed: true, raisesConcern: false },
  },
  // Who one staff id is, before the sponsor names them: past the access check, an id not in the directory is 422.
  'GET /clearances/:clearanceId/line-manager-candidate': {
    allowed: ['SPONSOR'],
    ownership: 'clearance',
    query: '?lineManagerId=manager-1',
  },
  // The sponsor's search of line managers by name (a term in the body): past the access check, a 200 list.
  'POST /clearances/:clearanceId/line-manager-candidates/search': {
    allowed: ['SPONSOR'],
    ownership: 'clearance',
    body: { term: 'Maya' },
  },
  'POST /clearances/:clearanceId/line-manager': {
    allowed: ['SPONSOR'],
    ownership: 'clearance',
    body: { lineManagerId: 'manager-1' },
  },
  'POST /clearances/:clearanceId/changes': {
    allowed: ['APPLICANT'],
    ownership: 'clearance',
    body: { kind: 'NEW_PARTNER', occurredOn: '2026-01-02', summary: 's' },
  },
  'POST /clearances/:clearanceId/appraisals': {
    allowed: ['APPLICANT'],
    ownership: 'clearance',
    body: { n: 1, raisesConcern: false, summary: 's' },
  },
  'POST /clearances/:clearanceId/incidents': {
    allowed: ['SPONSOR'],
    ownership: 'clearance',
    body: { summary: 's' },
  },
  'POST /clearances/:clearanceId/leaver': {
    allowed: ['SPONSOR'],
    ownership: 'clearance',
    body: { leftOn: '2026-01-02' },
  },
  // The seeded clearance has no open task: an allowed caller gets 409 (not open), past the access check.
  'GET /clearances/:clearanceId/review-tasks/:taskId': {
    allowed: ['VETTING_OFFICER', 'TEAM_LEAD'],
    ownership: 'clearance',
  },
  'POST /clearances/:clearanceId/review-tasks/:taskId/outcome': {
    allowed: ['VETTING_OFFICER'],
    ownership: 'clearance',
    body: { outcome: 'NO_CHANGE', notes: 'n' },
  },
  // The officer takes the task for themself (anyone else is 403 by the service); the team lead's assignee is not
  // an officer of their team here (422), which is past the access check either way.
  'POST /clearances/:clearanceId/review-tasks/:taskId/assignment': {
    allowed: ['VETTING_OFFICER', 'TEAM_LEAD'],
    ownership: 'clearance',
    body: { officerId: principalFor('VETTING_OFFICER').subject },
  },
  'POST /clearances/:clearanceId/suspension': {
    allowed: ['SENIOR_ADJUDICATOR'],
    ownership: 'clearance',
    body: { reason: 'r' },
  },
  'POST /clearances/:clearanceId/restoration': {
    allowed: ['SENIOR_ADJUDICATOR'],
    ownership: 'clearance',
    body: { reason: 'r' },
  },
  'POST /clearances/:clearanceId/referral-closure': {
    allowed: ['SENIOR_ADJUDICATOR'],
    ownership: 'clearance',
    body: { reason: 'r' },
  },
  'POST /clearances/:clearanceId/withdrawal': {
    allowed: ['SENIOR_ADJUDICATOR'],
    ownership: 'clearance',
    body: { disclosableReasons: 'd', closedReasons: 'c' },
  },
  // Appeals and complaints (issue 12). No appeal workflow runs here: an allowed action ends at Temporal with 409.
  'POST /appeals': { allowed: ['APPLICANT'], ownership: 'none', body: {} },
  'GET /appeals/mine': { allowed: ['APPLICANT'], ownership: 'none' },
  'GET /appeals': { allowed: ['SENIOR_ADJUDICATOR', 'PANEL_SECRETARY'], ownership: 'none' },
  'GET /appeals/:appealId': {
    allowed: ['APPLICANT', 'SENIOR_ADJUDICATOR', 'PANEL_SECRETARY'],
    ownership: 'appeal',
  },
  'GET /appeals/:appealId/events': {
    allowed: ['SENIOR_ADJUDICATOR', 'PANEL_SECRETARY'],
    ownership: 'appeal',
  },
  'POST /appeals/:appealId/hearing': {
    allowed: ['SENIOR_ADJUDICATOR'],
    ownership: 'appeal',
    body: {
      outcome: 'UPHELD',
      reviewOfDecision: 'd',
      reviewOfProcess: 'p',
      reviewOfDisclosure: 'x',
      reasons: 'r',
    },
  },
  'POST /appeals/:appealId/panel-intent': { allowed: ['APPLICANT'], ownership: 'appeal' },
  'POST /appeals/:appealId/acknowledgement': { allowed: ['PANEL_SECRETARY'], ownership: 'appeal' },
  'POST /appeals/:appealId/secretary': { allowed: ['PANEL_SECRETARY'], ownership: 'appeal' },
  'GET /appeals/:appealId/secretary-candidates': { allowed: ['PANEL_SECRETARY'], ownership: 'appeal' },
  'POST /appeals/:appealId/statements': {
    allowed: ['APPLICANT', 'SENIOR_ADJUDICATOR'],
    ownership: 'appeal',
    body: { statement: 's' },
  },
  'POST /appeals/:appealId/extensions': {
    allowed: ['PANEL_SECRETARY'],
    ownership: 'appeal',
    body: { side: 'APPELLANT', dueAt: '2099-01-01T00:00:00Z', reason: 'r' },
  },
  'POST /appeals/:appealId/recommendation': {
    allowed: ['PANEL_SECRETARY'],
    ownership: 'appeal',
    body: { recommendation: 'DECISION_STANDS', reasons: 'r' },
  },
  'POST /appeals/:appealId/complaint-response': {
    allowed: ['SENIOR_ADJUDICATOR'],
    ownership: 'appeal',
    body: { outcome: 'NOT_UPHELD', response: 'r' },
  },
  'POST /clearances/:clearanceId/renewal': {
    allowed: ['SPONSOR', 'VETTING_OFFICER'],
    ownership: 'clearance',
  },
  'POST /clearances/:clearanceId/transfer': {
    allowed: ['SPONSOR', 'VETTING_OFFICER'],
    ownership: 'clearance',
    body: { toSponsorId: 'sponsor-x', reason: 'r' },
  },
  // Providers sign their callbacks (HMAC over the body); a bearer token neither admits nor refuses them.
  'POST /providers/:provider/callbacks': {
    allowed: 'PUBLIC',
    ownership: 'none',
    body: {
      providerRef: 'P-1',
      caseId: '00000000-0000-4000-8000-000000000000',
      checkType: 'CRIMINAL_RECORDS',
      outcome: 'CLEAR',
    },
    ownAuth: 401,
  },
};

/** For each role, a principal related to the seeded "own" case in the way that role can be. */
function principalFor(role: Role): Principal {
  return role === 'TEAM_LEAD'
    ? { subject: 'lead-own', roles: [role], team: TEAM }
    : { subject: `${role.toLowerCase()}-own`, roles: [role] };
}

interface DiscoveredRoute {
  key: string;
  method: string;
  path: string;
  public: boolean;
  roles: Role[];
  /** The case action the route performs (@AllowAction), and what it writes to the audit trail. */
  caseAction?: CaseAction;
  /** The clearance action the route performs (@AllowClearanceAction). */
  clearanceAction?: ClearanceAction;
  audited?: string;
}

function discoverRoutes(api: ApiHarness): DiscoveredRoute[] {
  const reflector = new Reflector();
  const routes: DiscoveredRoute[] = [];
  for (const module of api.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (method === undefined || sub === undefined) continue;
        const path = `/${[base, sub]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/')}`;
        const verb = RequestMethod[method];
        const targets = [handler, controller];
        routes.push({
          key: `${verb} ${path}`,
          method: verb,
          path,
          public: reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true,
          roles: reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? [],
          caseAction: reflector.getAllAndOverride<CaseAction | undefined>(CASE_ACTION_ROUTE, targets),
          clearanceAction: reflector.getAllAndOverride<ClearanceAction | undefined>(
            CLEARANCE_ACTION_ROUTE,
            targets,
          ),
          audited: reflector.getAllAndOverride<string | undefined>(AUDITED_ACTION, targets),
        });
      }
    }
  }
  return routes;
}

const api = new ApiHarness({ RATE_LIMIT_PER_MINUTE: '100000', UPDATE_TIMEOUT_MS: '2000' }, { worker: false });
let db: DataSource;
const ownCase = randomUUID();
const otherCase = randomUUID();
const ownClearance = randomUUID();
const otherClearance = randomUUID();
const ownAppeal = randomUUID();
const otherAppeal = randomUUID();

/** An appeal against the case's refusal in the read-model, as its workflow's first write leaves it. */
async function seedAppeal(appealId: string, caseId: string, owner: boolean): Promise<void> {
  const appellantId = owner ? principalFor('APPLICANT').subject : 'nobody-here';
  const timing = {
    panelWindowMs: 1000,
    acknowledgeWithinMs: 1000,
    statementWithinMs: 1000,
    complaintResponseMs: 1000,
  };
  const sponsorId = owner ? principalFor('SPONSOR').subject : 'nobody-here';
  const facts = {
    appealId,
    kind: 'APPEAL' as const,
    ground: 'REFUSAL' as const,
    appellantId,
    sponsorId,
    caseId,
  };
  await new AppealStore(db, fieldCipher).open(
    lodgedAppeal(
      { ...facts, clearanceId: null, priorInvolvement: [], grounds: 'g' },
      timing,
      new Date().toISOString(),
    ),
  );
}

/** A held clearance in the read-model, as a grant and its workflow's first snapshot leave it. */
async function seedClearance(clearanceId: string, caseId: string, owner: boolean): Promise<void> {
  const store = new ClearanceStore(db, fieldCipher);
  const holderId = owner ? principalFor('APPLICANT').subject : 'nobody-here';
  const sponsorId = owner ? principalFor('SPONSOR').subject : 'nobody-here';
  const facts = {
    clearanceId,
    caseId,
    holderId,
    sponsorId,
    grantedOn: '2026-01-01',
    renewalDue: '2033-01-01',
    conditions: [],
  };
  await store.record({
    clearanceId,
    caseId,
    personId: holderId,
    sponsorId,
    level: 'DV',
    grantedOn: facts.grantedOn,
    reviewDue: facts.renewalDue,
    conditions: [],
  });
  // The own clearance's line manager is the LINE_MANAGER principal; the other's is nobody here.
  const lineManagerId = owner ? principalFor('LINE_MANAGER').subject : 'nobody-here';
  await store.storeSnapshot({ ...grantedClearance(facts, new Date().toISOString()), lineManagerId });
}

async function seed(caseId: string, owner: boolean): Promise<void> {
  // The other case is related to nobody in this test (and not awaiting a decision, which adjudicators see).
  const related = (role: Role): string => (owner ? principalFor(role).subject : 'nobody-here');
  await seedReadModelCase(db, caseId, {
    stage: owner ? 'DECISION' : 'INVESTIGATION',
    assignee: related('VETTING_OFFICER'),
    team: owner ? TEAM : 'another-team',
    sponsorId: related('SPONSOR'),
    applicantId: related('APPLICANT'),
  });
}

beforeAll(async () => {
  await api.start();
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
  await seed(ownCase, true);
  await seed(otherCase, false);
  await seedClearance(ownClearance, ownCase, true);
  await seedClearance(otherClearance, otherCase, false);
  await seedAppeal(ownAppeal, ownCase, true);
  await seedAppeal(otherAppeal, otherCase, false);
  // The own case's team lead assigned its officer: they are one of the eyes that may not decide it.
  await db.query(
    `INSERT INTO case_event (case_id, seq, actor, action, from_stage, to_stage, occurred_at, payload)
     VALUES ($1, 2, $2, 'ASSIGN_OFFICER', 'INVESTIGATION', 'INVESTIGATION', now(), '{}')`,
    [ownCase, principalFor('TEAM_LEAD').subject],
  );
}, 120_000);
afterAll(async () => {
  await db.destroy();
  await api.stop();
});

function urlFor(path: string, caseId: string): string {
  if (path.includes(':appealId'))
    return path.replace(':appealId', caseId === ownCase ? ownAppeal : otherAppeal);
  if (path.includes(':clearanceId')) {
    const clearanceId = caseId === ownCase ? ownClearance : otherClearance;
    return path.replace(':clearanceId', clearanceId).replace(':taskId', 'task-1');
  }
  return path.replace(':id', caseId).replace(':stage', 'INVESTIGATION').replace(':taskId', 'T1');
}

async function call(
  route: DiscoveredRoute,
  principal: Principal | null,
  caseId: string,
  body?: object,
): Promise<number> {
  const url = urlFor(route.path, caseId) + (ACCESS[route.key]?.query ?? '');
  let req =
    route.method === 'GET'
      ? request(api.server).get(url)
      : request(api.server)[route.method === 'PUT' ? 'put' : 'post'](url);
  if (principal) req = req.set('Authorization', `Bearer ${await api.tokenFor(principal)}`);
  req = req.set('X-Access-Reason', 'authorisation matrix test');
  const rule = ACCESS[route.key];
  const payload = rule?.bodyFor ? await rule.bodyFor(caseId) : body;
  const res = route.method === 'GET' ? await req : await req.send(payload ?? {});
  return res.status;
}

describe('authorisation matrix', () => {
  it('knows an access rule for every route the app serves, and the app enforces one on each', () => {
    const routes = discoverRoutes(api);
    expect(routes.length).toBeGreaterThanOrEqual(Object.keys(ACCESS).length);
    for (const route of routes) {
      expect({ route: route.key, inMatrix: route.key in ACCESS }).toEqual({
        route: route.key,
        inMatrix: true,
      });
      expect({ route: route.key, hasRule: route.public || route.roles.length > 0 }).toEqual({
        route: route.key,
        hasRule: true,
      });
      const rule = ACCESS[route.key];
      if (!rule) continue;
      expect({ route: route.key, roles: route.public ? 'PUBLIC' : [...route.roles].sort() }).toEqual({
        route: route.key,
        roles: rule.allowed === 'PUBLIC' ? 'PUBLIC' : [...rule.allowed].sort(),
      });
    }
  });

  it('gives every route that performs a case action the roles of its transition-table rows, and no others', () => {
    const performed: string[] = [];
    for (const route of discoverRoutes(api)) {
      // A route audited as a case action must say which one, so its roles come from the table.
      const audited = route.audited?.startsWith('CASE_ACTION:')
        ? route.audited.slice('CASE_ACTION:'.length)
        : undefined;
      expect({ route: route.key, action: route.caseAction }).toEqual({ route: route.key, action: audited });
      if (!route.caseAction) continue;
      performed.push(route.caseAction);
      expect({ route: route.key, roles: [...route.roles].sort() }).toEqual({
        route: route.key,
        roles: rolesFor(route.caseAction).sort(),
      });
    }
    // Every action people may perform has a route; system moves have none.
    const byPeople = new Set(
      TRANSITIONS.filter((t) => t.by.some((a) => a !== 'SYSTEM')).map((t) => t.action),
    );
    expect(performed.sort()).toEqual([...byPeople].sort());
  });

  it('gives every route that performs a clearance action the roles of its clearance-table rows, and no others', () => {
    const performed: string[] = [];
    for (const route of discoverRoutes(api)) {
      const audited = route.audited?.startsWith('CLEARANCE_ACTION:')
        ? route.audited.slice('CLEARANCE_ACTION:'.length)
        : undefined;
      expect({ route: route.key, action: route.clearanceAction }).toEqual({
        route: route.key,
        action: audited,
      });
      if (!route.clearanceAction) continue;
      performed.push(route.clearanceAction);
      expect({ route: route.key, roles: [...route.roles].sort() }).toEqual({
        route: route.key,
        roles: clearanceRolesFor(route.clearanceAction).sort(),
      });
    }
    const byPeople = new Set(CLEARANCE_TRANSITIONS.filter((t) => t.by !== 'SYSTEM').map((t) => t.action));
    expect(performed.sort()).toEqual([...byPeople].sort());
  });

  it('answers every route × role × ownership as the rules say', async () => {
    const failures: string[] = [];
    for (const route of discoverRoutes(api)) {
      const rule = ACCESS[route.key];
      if (!rule) continue;
      if (rule.allowed !== 'PUBLIC') {
        const anonymous = await call(route, null, ownCase, rule.body);
        if (anonymous !== 401) failures.push(`${route.key} without a token: ${anonymous}, expected 401`);
      }
      for (const role of ROLES) {
        const allowed = rule.allowed === 'PUBLIC' || rule.allowed.includes(role);
        for (const owner of rule.ownership === 'none' ? [true] : [true, false]) {
          const status = await call(route, principalFor(role), owner ? ownCase : otherCase, rule.body);
          const label = `${route.key} as ${role} (${owner ? 'own' : "someone else's"} case): ${status}`;
          if (rule.ownAuth !== undefined) {
            if (status !== rule.ownAuth) failures.push(`${label}, expected ${rule.ownAuth} (own credential)`);
          } else if (!allowed) {
            if (status !== 403) failures.push(`${label}, expected 403`);
          } else if (rule.ownership === 'case' && !owner && role !== 'ADMIN') {
            if (status !== 404) failures.push(`${label}, expected 404 (hidden)`);
          } else if (
            (rule.ownership === 'clearance' || rule.ownership === 'appeal') &&
            !owner &&
            (role === 'APPLICANT' || role === 'SPONSOR' || role === 'LINE_MANAGER')
          ) {
            if (status !== 404) failures.push(`${label}, expected 404 (hidden)`);
          } else if ([401, 403, 404].includes(status) || status >= 500) {
            failures.push(`${label}, expected access`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it("keeps other people's cases out of every queue", async () => {
    for (const role of ['VETTING_OFFICER', 'TEAM_LEAD', 'SENIOR_ADJUDICATOR'] as const) {
      const res = await request(api.server)
        .get('/cases?pageSize=100')
        .set('Authorization', `Bearer ${await api.tokenFor(principalFor(role))}`);
      const ids = (res.body as { items: { id: string }[] }).items.map((c) => c.id);
      expect({ role, own: ids.includes(ownCase), other: ids.includes(otherCase) }).toEqual({
        role,
        own: true,
        other: false,
      });
    }
  });

  it('never lets a party to the case see or act on it through a staff role they also hold', async () => {
    const STAFF: Role[] = ['VETTING_OFFICER', 'TEAM_LEAD', 'SENIOR_ADJUDICATOR', 'ADMIN'];
    const failures: string[] = [];
    for (const party of ['APPLICANT', 'SPONSOR'] as const) {
      // The own case's applicant (or sponsor), holding every staff role but not the party role.
      const insider: Principal = { subject: principalFor(party).subject, roles: STAFF, team: TEAM };
      for (const route of discoverRoutes(api)) {
        const rule = ACCESS[route.key];
        if (!rule || rule.ownership === 'none' || rule.allowed === 'PUBLIC') continue;
        const expected = rule.allowed.some((role) => STAFF.includes(role)) ? 404 : 403;
        const status = await call(route, insider, ownCase, rule.body);
        if (status !== expected)
          failures.push(`${route.key} as the ${party} with staff roles: ${status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it("assigns only an existing officer of the case's team, never the case's applicant or sponsor", async () => {
    const lead = principalFor('TEAM_LEAD');
    const assign = async (officerId: string, by: Principal = lead): Promise<number> =>
      (
        await request(api.server)
          .post(`/cases/${ownCase}/assignment`)
          .set('Authorization', `Bearer ${await api.tokenFor(by)}`)
          .set('X-Access-Reason', 'authorisation matrix test')
          .send({ officerId })
      ).status;
    // The own case's parties, each also an officer of its team in the staff directory.
    for (const party of ['APPLICANT', 'SPONSOR'] as const) {
      await api.enrol({ subject: principalFor(party).subject, roles: ['VETTING_OFFICER'], team: TEAM });
    }
    const failures: string[] = [];
    for (const by of [lead, principalFor('ADMIN')]) {
      for (const [officerId, expected] of [
        [principalFor('APPLICANT').subject, 422],
        [principalFor('SPONSOR').subject, 422],
        ['offcer-1', 422],
        ['officer-3', 422],
      ] as const) {
        const status = await assign(officerId, by);
        if (status !== expected)
          failures.push(`${by.subject} assigning ${officerId}: ${status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('applies four eyes to every staff role: a team lead who assigned the case may not decide it as an adjudicator', async () => {
    const leadAdjudicator: Principal = {
      ...principalFor('TEAM_LEAD'),
      roles: ['TEAM_LEAD', 'SENIOR_ADJUDICATOR'],
    };
    for (const [path, body] of [
      ['decision', { outcome: 'GRANTED' }],
      ['recommendation/return', { reasons: ['r'] }],
    ] as const) {
      const res = await request(api.server)
        .post(`/cases/${ownCase}/${path}`)
        .set('Authorization', `Bearer ${await api.tokenFor(leadAdjudicator)}`)
        .send(body);
      expect({ path, status: res.status, error: (res.body as { error?: string }).error }).toEqual({
        path,
        status: 409,
        error: 'FOUR_EYES_VIOLATION',
      });
    }
  });
});
