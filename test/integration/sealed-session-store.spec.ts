import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import session from 'express-session';
import type { SessionData } from 'express-session';
import { Pool } from 'pg';
import pino from 'pino';
import { SealedSessionStore } from '../../apps/web/src/session/sealed-session.store';
import type { Keyring } from '../../libs/config/src/keyring';
import { FieldCipher } from '../../libs/persistence/src/field-cipher';
import type { PrivateDatabase } from '../support/private-database';
import { createPrivateDatabase } from '../support/private-database';

/**
 * The web service's sessions at rest (issue 10 item 6): the bearer token, the person's name, their access
 * reasons and a refused form's values never reach web_session in clear, and a row that was changed, moved to
 * another session id or sealed under an unknown key is no session at all. Real PostgreSQL, its own database.
 */

const ring = (id: string, key: Buffer): Keyring => ({
  currentKeyId: id,
  keys: new Map([[id, key]]),
  developmentKey: false,
});
const cipher = new FieldCipher(ring('2026-01', randomBytes(32)));
const logged: string[] = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString('utf8'));
      done();
    },
  }),
);

let database: PrivateDatabase;
let runtime: Pool;
let owner: Pool;
let store: SealedSessionStore;

beforeAll(async () => {
  database = await createPrivateDatabase();
  runtime = new Pool({ connectionString: database.runtimeUrl, max: 2 });
  owner = new Pool({ connectionString: database.url, max: 1 });
  store = storeWith(cipher);
});

afterAll(async () => {
  store?.close();
  await runtime?.end();
  await owner?.end();
  await database?.drop();
});

function storeWith(withCipher: FieldCipher): SealedSessionStore {
  return new SealedSessionStore(withCipher, logger, {
    pool: runtime,
    tableName: 'web_session',
    createTableIfMissing: false,
    pruneSessionInterval: false,
  });
}

function canaries(): { token: string; name: string; reason: string; answer: string; data: SessionData } {
  const tag = randomUUID();
  const token = `token-canary-${tag}`;
  const name = `Name Canary ${tag}`;
  const reason = `reason canary ${tag}`;
  const answer = `answer canary ${tag}`;
  const cookie = new session.Cookie();
  cookie.maxAge = 60 * 60 * 1000;
  const data: SessionData = {
    cookie,
    user: { subject: 'officer-1', name, roles: ['VETTING_OFFICER'] },
    accessToken: token,
    signedInAt: 1,
    lastSeenAt: 2,
    accessReasons: { [randomUUID()]: reason },
    flash: { kind: 'error', text: 'There is a problem', values: { previousNames: answer } },
  };
  return { token, name, reason, answer, data };
}

const set = (on: SealedSessionStore, sid: string, data: SessionData): Promise<void> =>
  new Promise((resolve, reject) =>
    on.set(sid, data, (error?: unknown) => (error ? reject(asError(error)) : resolve())),
  );

const get = (on: SealedSessionStore, sid: string): Promise<SessionData | null | undefined> =>
  new Promise((resolve, reject) =>
    on.get(sid, (error: unknown, data) => (error ? reject(asError(error)) : resolve(data))),
  );

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

async function rawRow(sid: string): Promise<{ sess: Record<string, unknown>; expire: Date } | undefined> {
  const result = await owner.query<{ sess: Record<string, unknown>; expire: Date }>(
    'SELECT sess, expire FROM web_session WHERE sid = $1',
    [sid],
  );
  return result.rows[0];
}

it('stores the session sealed, with only the cookie in clear, and reads it back whole', async () => {
  const sid = randomUUID();
  const { token, name, reason, answer, data } = canaries();
  await set(store, sid, data);

  const row = await rawRow(sid);
  expect(row).toBeDefined();
  const raw = JSON.stringify(row?.sess);
  for (const canary of [token, name, reason, answer]) expect(raw).not.toContain(canary);
  expect(Object.keys(row?.sess ?? {}).sort()).toEqual(['cookie', 'sealed']);
  expect(String(row?.sess.sealed)).toMatch(/^aesgcm:2026-01:/);
  // The expiry column still follows the cookie, so connect-pg-simple's pruning keeps working.
  expect(Math.abs((row?.expire.getTime() ?? 0) - (data.cookie.expires?.getTime() ?? 0))).toBeLessThan(1000);

  const back = await get(store, sid);
  expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(data)));
});

it('treats a changed row as no session, deletes it, and logs why without its content', async () => {
  const sid = randomUUID();
  const { token, name, data } = canaries();
  await set(store, sid, data);
  const row = await rawRow(sid);
  const sealed = String(row?.sess.sealed);
  const flipped = `${sealed.slice(0, -6)}${sealed.slice(-6, -5) === 'A' ? 'B' : 'A'}${sealed.slice(-5)}`;
  await owner.query(
    `UPDATE web_session SET sess = jsonb_set(sess::jsonb, '{sealed}', to_jsonb($2::text))::json WHERE sid = $1`,
    [sid, flipped],
  );
  logged.length = 0;

  await expect(get(store, sid)).resolves.toBeNull();
  await expect(rawRow(sid)).resolves.toBeUndefined();
  const log = logged.join('');
  expect(log).toContain('a stored session did not open');
  for (const secret of [token, name, sid, flipped]) expect(log).not.toContain(secret);
});

it('treats a row copied to another session id as no session', async () => {
  const victim = randomUUID();
  const attacker = randomUUID();
  const { data } = canaries();
  await set(store, victim, data);
  await owner.query(
    `INSERT INTO web_session (sid, sess, expire) SELECT $2, sess, expire FROM web_session WHERE sid = $1`,
    [victim, attacker],
  );

  await expect(get(store, attacker)).resolves.toBeNull();
  await expect(get(store, victim)).resolves.toMatchObject({ accessToken: data.accessToken });
});

it('treats a row sealed under a key that is no longer configured as no session', async () => {
  const sid = randomUUID();
  const { data } = canaries();
  await set(storeWith(new FieldCipher(ring('retired', randomBytes(32)))), sid, data);

  await expect(get(store, sid)).resolves.toBeNull();
});

it('treats a plain row from before sessions were sealed as no session and deletes it', async () => {
  const sid = randomUUID();
  const { token, data } = canaries();
  await owner.query(
    `INSERT INTO web_session (sid, sess, expire) VALUES ($1, $2, now() + interval '1 hour')`,
    [sid, JSON.stringify(data)],
  );
  // Plain JSON dressed up as the sealed field is refused too: sealed values always carry the aesgcm: prefix.
  const dressed = randomUUID();
  await owner.query(
    `INSERT INTO web_session (sid, sess, expire) VALUES ($1, $2, now() + interval '1 hour')`,
    [dressed, JSON.stringify({ cookie: data.cookie, sealed: JSON.stringify({ accessToken: token }) })],
  );

  await expect(get(store, sid)).resolves.toBeNull();
  await expect(get(store, dressed)).resolves.toBeNull();
  await expect(rawRow(sid)).resolves.toBeUndefined();
  await expect(rawRow(dressed)).resolves.toBeUndefined();
});
