// The audit interceptor and the auditor endpoints over HTTP, on real PostgreSQL, in a small Nest app: the
// AuditModule as the API imports it, a stand-in controller with @Audited routes, and a stand-in guard that
// takes the principal from test headers (the real auth guard is exercised by the e2e tests).
import {
  CanActivate,
  Controller,
  ExecutionContext,
  ForbiddenException,
  Get,
  Global,
  INestApplication,
  Injectable,
  Module,
  Param,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { AuditModule } from '../../apps/api/src/audit/audit.module';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import { Audited } from '../../apps/api/src/audit/audited.decorator';
import type { AuthenticatedRequest } from '../../apps/api/src/auth/auth.decorators';
import { DomainErrorFilter } from '../../apps/api/src/common/domain-error.filter';
import { createValidationPipe } from '../../apps/api/src/common/validation';
import { APP_CONFIG } from '../../libs/config/src';
import { auditKeyringFromEnv } from '../../libs/config/src/audit.config';
import type { Role } from '../../libs/domain/src';
import { DomainError } from '../../libs/domain/src';
import type { AuditChainRow } from '../../libs/persistence/src/audit';
import { auditHash, formatAuditTimestamp } from '../../libs/persistence/src/audit';
import { dataSourceOptions } from '../../libs/persistence/src/data-source';
import { testDatabaseUrl } from '../support/env';

let handlerRuns = 0;

@Controller('things')
class ThingsController {
  @Get(':id')
  @Audited('CASE_READ')
  read(@Param('id') id: string): { id: string; secret: string } {
    handlerRuns += 1;
    return { id, secret: 'personal data' };
  }

  @Get(':id/missing')
  @Audited('CASE_READ')
  missing(): never {
    throw new DomainError('CASE_NOT_FOUND', 'no such case');
  }

  @Get(':id/forbidden')
  @Audited('CASE_READ')
  forbidden(): never {
    throw new ForbiddenException('not yours');
  }

  @Get(':id/unaudited')
  unaudited(): { ok: true } {
    return { ok: true };
  }
}

/** Test headers in place of a bearer token. */
@Injectable()
class HeaderPrincipalGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const subject = req.headers['x-test-subject'];
    const roles = req.headers['x-test-roles'];
    if (typeof subject === 'string') {
      req.principal = { subject, roles: typeof roles === 'string' ? (roles.split(',') as Role[]) : [] };
    }
    return true;
  }
}

/** The audit keys as the API reads them (the development key unless AUDIT_KEYS is set), in place of ConfigModule. */
@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useValue: { audit: { keyring: auditKeyringFromEnv() } } }],
  exports: [APP_CONFIG],
})
class AuditKeysModule {}

let app: INestApplication;
let server: App;
let db: DataSource;
let audit: AuditService;

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({
    imports: [TypeOrmModule.forRoot(dataSourceOptions(testDatabaseUrl())), AuditKeysModule, AuditModule],
    controllers: [ThingsController],
    providers: [
      { provide: APP_GUARD, useClass: HeaderPrincipalGuard },
      { provide: APP_FILTER, useClass: DomainErrorFilter },
    ],
  }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalPipes(createValidationPipe());
  await app.init();
  server = app.getHttpServer() as App;
  db = app.get(DataSource);
  audit = app.get(AuditService);
});
afterAll(() => app.close());
afterEach(() => jest.restoreAllMocks());

async function rowsFor(requestId: string): Promise<AuditChainRow[]> {
  const rows: AuditChainRow[] = await db.query(
    `SELECT id::text AS id, actor, role, action, case_id AS "caseId", reason, outcome, request_id AS "requestId"
       FROM audit_log WHERE request_id = $1`,
    [requestId],
  );
  return rows;
}

const officer = { 'x-test-subject': 'officer-7', 'x-test-roles': 'VETTING_OFFICER,TEAM_LEAD' };
const auditor = { 'x-test-subject': 'auditor-1', 'x-test-roles': 'AUDITOR' };

describe('AuditInterceptor', () => {
  it('records who read which case, why, and the status, before the response leaves', async () => {
    const caseId = randomUUID();
    const requestId = `req-${randomUUID()}`;
    const res = await request(server)
      .get(`/things/${caseId}`)
      .set(officer)
      .set('X-Access-Reason', 'QA sample for March')
      .set('X-Request-Id', requestId)
      .expect(200);
    expect(res.headers['x-request-id']).toBe(requestId);
    expect(await rowsFor(requestId)).toEqual([
      expect.objectContaining({
        actor: 'officer-7',
        role: 'TEAM_LEAD,VETTING_OFFICER',
        action: 'CASE_READ',
        caseId,
        reason: 'QA sample for March',
        outcome: '200',
      }),
    ]);
  });

  it('records a caller with no principal as anonymous, and generates a request id when none is sent', async () => {
    const res = await request(server).get(`/things/${randomUUID()}`).expect(200);
    const requestId = String(res.headers['x-request-id']);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await rowsFor(requestId)).toEqual([
      expect.objectContaining({ actor: 'anonymous', role: null, reason: null, outcome: '200' }),
    ]);
  });

  it('records failures with their error code and passes the error through unchanged', async () => {
    const requestId = `req-${randomUUID()}`;
    const res = await request(server)
      .get(`/things/${randomUUID()}/missing`)
      .set(officer)
      .set('X-Request-Id', requestId)
      .expect(404);
    expect(res.body).toMatchObject({ error: 'CASE_NOT_FOUND' });
    expect(await rowsFor(requestId)).toEqual([expect.objectContaining({ outcome: 'FAILED:CASE_NOT_FOUND' })]);
  });

  it('records a refusal from the handler as DENIED', async () => {
    const requestId = `req-${randomUUID()}`;
    await request(server)
      .get(`/things/${randomUUID()}/forbidden`)
      .set(officer)
      .set('X-Request-Id', requestId)
      .expect(403);
    expect(await rowsFor(requestId)).toEqual([expect.objectContaining({ outcome: 'DENIED:403' })]);
  });

  it('stores no case id when the :id parameter is not a UUID, and still answers', async () => {
    const requestId = `req-${randomUUID()}`;
    await request(server).get('/things/not-a-uuid').set('X-Request-Id', requestId).expect(200);
    expect(await rowsFor(requestId)).toEqual([expect.objectContaining({ caseId: null, outcome: '200' })]);
  });

  it('replaces a request id that is not plainly an id rather than storing it', async () => {
    const res = await request(server)
      .get(`/things/${randomUUID()}`)
      .set('X-Request-Id', 'x'.repeat(300))
      .expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes nothing for a route without @Audited', async () => {
    const requestId = `req-${randomUUID()}`;
    await request(server).get(`/things/${randomUUID()}/unaudited`).set('X-Request-Id', requestId).expect(200);
    expect(await rowsFor(requestId)).toEqual([]);
  });

  it('answers 503 without the data when the audit row cannot be written', async () => {
    jest.spyOn(audit, 'record').mockRejectedValueOnce(new Error('connection terminated'));
    const before = handlerRuns;
    const res = await request(server).get(`/things/${randomUUID()}`).set(officer).expect(503);
    expect(handlerRuns).toBe(before + 1);
    expect(JSON.stringify(res.body)).not.toContain('personal data');
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('answers 503 when a failed request cannot be audited either', async () => {
    jest.spyOn(audit, 'record').mockRejectedValueOnce(new Error('connection terminated'));
    await request(server).get(`/things/${randomUUID()}/missing`).set(officer).expect(503);
  });
});

describe('GET /audit and GET /audit/verify', () => {
  it('pages through one case newest first, and audits the read itself', async () => {
    const caseId = randomUUID();
    for (let i = 0; i < 3; i++) await request(server).get(`/things/${caseId}`).set(officer).expect(200);

    const requestId = `req-${randomUUID()}`;
    const first = await request(server)
      .get(`/audit?caseId=${caseId}&pageSize=2`)
      .set(auditor)
      .set('X-Request-Id', requestId)
      .expect(200);
    const body = first.body as { items: AuditChainRow[]; total: number; totalPages: number };
    expect(body).toMatchObject({ page: 1, pageSize: 2, total: 3, totalPages: 2 });
    expect(body.items).toHaveLength(2);
    expect(Number(body.items[0]?.id)).toBeGreaterThan(Number(body.items[1]?.id));
    expect(body.items[0]).toMatchObject({ caseId, actor: 'officer-7', action: 'CASE_READ' });

    const second = await request(server)
      .get(`/audit?caseId=${caseId}&pageSize=2&page=2`)
      .set(auditor)
      .expect(200);
    // The first page's read is now part of the case's trail too, so the trail has grown by one.
    expect(second.body).toMatchObject({ page: 2, total: 4 });
    const older = (second.body as { items: AuditChainRow[] }).items;
    expect(older.map((row) => row.action)).toEqual(['CASE_READ', 'CASE_READ']);

    // The auditor's own read is on the trail, tied to the case they looked into.
    expect(await rowsFor(requestId)).toEqual([
      expect.objectContaining({
        actor: 'auditor-1',
        role: 'AUDITOR',
        action: 'AUDIT_READ',
        caseId,
        outcome: '200',
      }),
    ]);
  });

  it('filters by actor', async () => {
    const actor = `officer-${randomUUID()}`;
    await request(server).get(`/things/${randomUUID()}`).set({ 'x-test-subject': actor }).expect(200);
    const res = await request(server).get(`/audit?actor=${actor}`).set(auditor).expect(200);
    expect(res.body).toMatchObject({ total: 1, items: [expect.objectContaining({ actor })] });
  });

  it('refuses a malformed filter with 400, and audits the refusal', async () => {
    const requestId = `req-${randomUUID()}`;
    await request(server).get('/audit?caseId=nope').set(auditor).set('X-Request-Id', requestId).expect(400);
    expect(await rowsFor(requestId)).toEqual([
      expect.objectContaining({ outcome: 'FAILED:VALIDATION_FAILED' }),
    ]);
  });

  it('reports an intact chain with 200 ok:true', async () => {
    const res = await request(server).get('/audit/verify').set(auditor).expect(200);
    expect(res.body).toMatchObject({ ok: true });
    expect((res.body as { rows: number }).rows).toBeGreaterThan(0);
  });

  it('reports a tampered chain with 200 ok:false naming the first bad row', async () => {
    const res = await request(server).get(`/things/${randomUUID()}`).set(officer).expect(200);
    const [row] = await rowsFor(String(res.headers['x-request-id']));
    if (!row) throw new Error('the request was not audited');
    const setActor = (actor: string): Promise<void> =>
      db.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_rewrite');
        await tx.query('UPDATE audit_log SET actor = $2 WHERE id = $1', [row.id, actor]);
        await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_rewrite');
      });
    await setActor('someone-else');
    try {
      const verify = await request(server).get('/audit/verify').set(auditor).expect(200);
      expect(verify.body).toMatchObject({ ok: false, firstBadId: row.id });
    } finally {
      await setActor(row.actor);
    }
    await request(server)
      .get('/audit/verify')
      .set(auditor)
      .expect(200, /"ok":true/);
  });

  it('issue 9 item 8 attack: a row inserted by a database user and hashed with SHA-256 (no key) -> ok:false naming it', async () => {
    await request(server).get(`/things/${randomUUID()}`).set(officer).expect(200);
    const [last] = (await audit.list({ page: 1, pageSize: 1 })).items;
    if (!last) throw new Error('the request was not audited');
    const next: { id: string }[] = await db.query(
      `SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id`,
    );
    const content = {
      id: next[0]?.id ?? '',
      occurredAt: formatAuditTimestamp(new Date()),
      actor: 'adjudicator-9',
      role: 'ADJUDICATOR',
      action: 'CASE_ACTION:RECORD_DECISION',
      caseId: randomUUID(),
      reason: null,
      outcome: '200',
      requestId: randomUUID(),
    };
    // The apps' role may INSERT; a correct link and a correct unkeyed hash are all a forger without the key has.
    await db.transaction(async (tx) => {
      await tx.query('SET LOCAL ROLE vetting_app');
      await tx.query(
        `INSERT INTO audit_log (id, occurred_at, actor, role, action, case_id, reason, outcome, request_id, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [...Object.values(content), last.hash, auditHash(content, last.hash)],
      );
    });
    // Reading /audit/verify is audited, so its own row is chained after the forged one; both go afterwards.
    const verifyRequestId = `req-${randomUUID()}`;
    try {
      const verify = await request(server)
        .get('/audit/verify')
        .set(auditor)
        .set('X-Request-Id', verifyRequestId)
        .expect(200);
      expect(verify.body).toMatchObject({ ok: false, firstBadId: content.id });
      expect((verify.body as { reason: string }).reason).toMatch(
        /inserted or re-hashed without the audit key/,
      );
    } finally {
      await db.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_rewrite');
        await tx.query('DELETE FROM audit_log WHERE id = $1 OR request_id = $2', [
          content.id,
          verifyRequestId,
        ]);
        await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_rewrite');
      });
    }
    await request(server)
      .get('/audit/verify')
      .set(auditor)
      .expect(200, /"ok":true/);
  });
});
