// The in-app inbox over HTTP as real principals: messages are seeded with the store, as the notification
// activity would write them, and each caller sees and acknowledges only their own.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../libs/domain/src';
import { renderNotification } from '../../libs/domain/src/notifications';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { NotificationStore } from '../../libs/persistence/src/notification-store';
import { ApiHarness } from '../support/api-harness';
import { testDatabaseUrl } from '../support/env';
import { seedReadModelCase } from '../support/seed';
import { fieldCipher } from '../support/field-cipher';

const api = new ApiHarness({}, { worker: false });
let db: DataSource;
let store: NotificationStore;

beforeAll(async () => {
  await api.start();
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
  store = new NotificationStore(db, fieldCipher);
}, 120_000);
afterAll(async () => {
  await db.destroy();
  await api.stop();
});

interface MessageBody {
  id: string;
  caseId: string | null;
  about: 'CASE' | 'CLEARANCE' | 'APPEAL' | null;
  reason: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}
interface PageBody {
  items: MessageBody[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
  unread: number;
}

function person(role: Principal['roles'][number] = 'APPLICANT'): Principal {
  return { subject: `${role.toLowerCase()}-${randomUUID()}`, roles: [role] };
}

/** Seeds one message for `recipient`, in order, and returns its id. */
async function seed(recipient: string, reason = 'DECISION', caseId = randomUUID()): Promise<string> {
  const { subject, body } = renderNotification(reason, 'https://example.org/sign-in');
  const stored = await store.record({
    recipient,
    caseId,
    reason,
    subject,
    body,
    dedupeKey: `${caseId}:${reason}:APPLICANT:${recipient}`,
    email: null,
  });
  return stored.notificationId;
}

async function inbox(who: Principal, query = ''): Promise<PageBody> {
  const res = await api.as(who).get(`/inbox${query}`);
  expect(res.status).toBe(200);
  return res.body as PageBody;
}

describe('inbox over HTTP', () => {
  it('lists only your own messages, newest first, with counts, unread filter and pages', async () => {
    const me = person();
    const someoneElse = person();
    const first = await seed(me.subject, 'DECISION');
    const second = await seed(me.subject, 'REMINDER');
    const third = await seed(me.subject, 'ESCALATION');
    await seed(someoneElse.subject);

    const all = await inbox(me);
    expect(all.items.map((m) => m.id)).toEqual([third, second, first]);
    expect(all).toMatchObject({ page: 1, pageSize: 20, total: 3, totalPages: 1, unread: 3 });
    expect(all.items[2]).toMatchObject({
      reason: 'DECISION',
      subject: 'You have a new message',
      readAt: null,
    });
    expect(all.items[2]?.body).toContain('There is an update for you. Please sign in to read it');

    const paged = await inbox(me, '?page=2&pageSize=2');
    expect(paged.items.map((m) => m.id)).toEqual([first]);
    expect(paged).toMatchObject({ page: 2, pageSize: 2, total: 3, totalPages: 2 });

    expect((await api.as(me).get('/inbox?pageSize=101')).status).toBe(400);
    expect((await api.as(me).get('/inbox?unread=maybe')).status).toBe(400);
  });

  it.each([
    ['VETTING_OFFICER', 'REVIEW_TASK_ASSIGNED'],
    ['TEAM_LEAD', 'ESCALATION'],
    ['SENIOR_ADJUDICATOR', 'REMINDER'],
    ['PANEL_SECRETARY', 'PANEL_SECRETARY_NAMED'],
    ['LINE_MANAGER', 'LINE_MANAGER_NAMED'],
  ] as const)(
    'serves a %s their own staff notice (%s) and lets them acknowledge it',
    async (role, reason) => {
      const me = person(role);
      const id = await seed(me.subject, reason);
      const page = await inbox(me);
      // The seeded id names no case, clearance or appeal, so nothing is known of what it is about.
      expect(page.items).toEqual([expect.objectContaining({ id, reason, about: null, readAt: null })]);
      expect(page.items[0]?.body).toContain('There is an update for you. Please sign in to read it');
      expect((await api.as(me).post(`/inbox/${id}/read`)).status).toBe(200);
      expect((await inbox(me)).unread).toBe(0);
    },
  );

  it('says what a notice is about when its id names a vetting case, and only for the recipient', async () => {
    const me = person('TEAM_LEAD');
    const caseId = randomUUID();
    await seedReadModelCase(db, caseId, {
      stage: 'DECISION',
      assignee: 'officer-inbox',
      team: 'dv-team-1',
      sponsorId: 'sponsor-inbox',
      applicantId: `applicant-${caseId}`,
    });
    const id = await seed(me.subject, 'ESCALATION', caseId);
    expect((await inbox(me)).items).toEqual([expect.objectContaining({ id, caseId, about: 'CASE' })]);
    const ack = await api.as(me).post(`/inbox/${id}/read`);
    expect(ack.body).toMatchObject({ id, caseId, about: 'CASE' });
  });

  it('acknowledges a message, keeps the first read time, and leaves it out of unread=true', async () => {
    const me = person('SPONSOR');
    const read = await seed(me.subject);
    const unread = await seed(me.subject, 'REMINDER');

    const ack = await api.as(me).post(`/inbox/${read}/read`);
    expect(ack.status).toBe(200);
    const readAt = (ack.body as MessageBody).readAt;
    expect(readAt).toEqual(expect.any(String));
    const again = await api.as(me).post(`/inbox/${read}/read`);
    expect((again.body as MessageBody).readAt).toBe(readAt);

    const page = await inbox(me, '?unread=true');
    expect(page.items.map((m) => m.id)).toEqual([unread]);
    expect(page).toMatchObject({ total: 1, unread: 1 });
  });

  it('acknowledges everything at once, and only yours', async () => {
    const me = person('VETTING_OFFICER');
    const someoneElse = person('VETTING_OFFICER');
    await seed(me.subject);
    await seed(me.subject, 'REMINDER');
    await seed(someoneElse.subject);

    const res = await api.as(me).post('/inbox/read-all');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ acknowledged: 2 });
    expect((await inbox(me)).unread).toBe(0);
    expect((await inbox(someoneElse)).unread).toBe(1);
    expect((await api.as(me).post('/inbox/read-all')).body).toEqual({ acknowledged: 0 });
  });

  it("cannot acknowledge someone else's message: 404, as for one that does not exist, and it stays unread", async () => {
    const me = person();
    const someoneElse = person();
    const theirs = await seed(someoneElse.subject);

    const res = await api.as(me).post(`/inbox/${theirs}/read`);
    expect(res.status).toBe(404);
    const missing = await api.as(me).post(`/inbox/${randomUUID()}/read`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'NOT_FOUND' });
    expect((res.body as { message: string }).message).not.toContain(someoneElse.subject);

    expect((await inbox(someoneElse)).items).toEqual([expect.objectContaining({ id: theirs, readAt: null })]);
    expect((await api.as(me).post('/inbox/not-a-uuid/read')).status).toBe(400);
  });

  it('refuses every inbox route without a token (401)', async () => {
    const id = await seed(person().subject);
    expect((await request(api.server).get('/inbox')).status).toBe(401);
    expect((await request(api.server).post(`/inbox/${id}/read`)).status).toBe(401);
    expect((await request(api.server).post('/inbox/read-all')).status).toBe(401);
    expect((await request(api.server).put('/me/contact').send({ email: 'x@example.org' })).status).toBe(401);
  });

  it('sets your own contact address, validated', async () => {
    const me = person('TEAM_LEAD');
    expect((await api.as(me).put('/me/contact', { email: 'not an address' })).status).toBe(400);
    expect((await api.as(me).put('/me/contact', { email: 'me@example.org', userId: 'other' })).status).toBe(
      400,
    );
    expect(await store.contactFor(me.subject)).toBeNull();

    const res = await api.as(me).put('/me/contact', { email: 'me@example.org' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ email: 'me@example.org' });
    await api.as(me).put('/me/contact', { email: 'new@example.org' });
    expect(await store.contactFor(me.subject)).toBe('new@example.org');
  });

  it('audits inbox reads and acknowledgements under the caller, never with a message id as a case id', async () => {
    const me = person('AUDITOR');
    const id = await seed(me.subject);
    await inbox(me);
    await api.as(me).post(`/inbox/${id}/read`);
    await api.as(me).post('/inbox/read-all');
    await api.as(me).put('/me/contact', { email: 'auditor@example.org' });

    const rows = await db.query<{ action: string; case_id: string | null; outcome: string }[]>(
      `SELECT action, case_id, outcome FROM audit_log WHERE actor = $1 ORDER BY id`,
      [me.subject],
    );
    expect(rows).toEqual([
      { action: 'INBOX_READ', case_id: null, outcome: '200' },
      { action: 'INBOX_ACKNOWLEDGE', case_id: null, outcome: '200' },
      { action: 'INBOX_ACKNOWLEDGE_ALL', case_id: null, outcome: '200' },
      { action: 'CONTACT_UPDATE', case_id: null, outcome: '200' },
    ]);
  });
});
