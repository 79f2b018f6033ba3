// The staff directory on real PostgreSQL with the real migrations: how claims are recorded (issue 9.6).
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { StaffDirectoryStore } from '../../libs/persistence/src/staff-directory-store';
import { testDatabaseUrl } from '../support/env';

let db: DataSource;
let store: StaffDirectoryStore;
beforeAll(async () => {
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
  store = new StaffDirectoryStore(db);
});
afterAll(() => db.destroy());

const someone = (): string => `staff-${randomUUID()}`;

async function versionOf(userId: string): Promise<number | undefined> {
  const rows = await db.query<{ version: number }[]>('SELECT version FROM staff_member WHERE user_id = $1', [
    userId,
  ]);
  return rows[0]?.version;
}

describe('StaffDirectoryStore.recordClaims', () => {
  it('adds a member of staff with their name, staff roles and team', async () => {
    const userId = someone();
    await store.recordClaims({
      userId,
      displayName: 'Olivia Hughes',
      roles: ['VETTING_OFFICER'],
      team: 'team-a',
    });
    expect(await store.find(userId)).toMatchObject({
      userId,
      displayName: 'Olivia Hughes',
      roles: ['VETTING_OFFICER'],
      team: 'team-a',
    });
  });

  it('writes nothing when the claims are unchanged', async () => {
    const userId = someone();
    const claims = { userId, displayName: 'A', roles: ['VETTING_OFFICER' as const], team: 'team-a' };
    await store.recordClaims(claims);
    await store.recordClaims(claims);
    expect(await versionOf(userId)).toBe(1);
  });

  it('keeps the stored name and team when a token carries neither, and replaces the roles', async () => {
    const userId = someone();
    await store.recordClaims({
      userId,
      displayName: 'Omar Khan',
      roles: ['VETTING_OFFICER'],
      team: 'team-a',
    });
    await store.recordClaims({
      userId,
      displayName: null,
      roles: ['VETTING_OFFICER', 'TEAM_LEAD'],
      team: undefined,
    });
    expect(await store.find(userId)).toMatchObject({
      displayName: 'Omar Khan',
      roles: ['VETTING_OFFICER', 'TEAM_LEAD'],
      team: 'team-a',
    });
  });

  it('follows a team change, and uses the id as the name of someone the provider names nothing', async () => {
    const userId = someone();
    await store.recordClaims({ userId, displayName: null, roles: ['VETTING_OFFICER'], team: 'team-a' });
    await store.recordClaims({ userId, displayName: null, roles: ['VETTING_OFFICER'], team: 'team-b' });
    expect(await store.find(userId)).toMatchObject({ displayName: userId, team: 'team-b' });
  });

  it('keeps a member with no staff role left as a row with no roles, out of every list', async () => {
    const userId = someone();
    const team = `team-${randomUUID()}`;
    await store.recordClaims({ userId, displayName: 'Leaver', roles: ['VETTING_OFFICER'], team });
    expect((await store.list({ team, page: 1, pageSize: 10 })).total).toBe(1);
    await store.recordClaims({ userId, displayName: null, roles: [], team: undefined });
    expect(await store.find(userId)).toMatchObject({ roles: [] });
    expect(await store.list({ team, page: 1, pageSize: 10 })).toEqual({ items: [], total: 0 });
  });

  it('never adds someone who holds no staff role', async () => {
    const userId = someone();
    await store.recordClaims({ userId, displayName: 'Applicant', roles: [], team: undefined });
    expect(await store.find(userId)).toBeNull();
  });
});

describe('StaffDirectoryStore.list', () => {
  it('filters by role and team, orders by name and pages', async () => {
    const team = `team-${randomUUID()}`;
    for (const [name, roles] of [
      ['Carol', ['VETTING_OFFICER']],
      ['Alice', ['VETTING_OFFICER']],
      ['Bob', ['TEAM_LEAD']],
    ] as const) {
      await store.recordClaims({ userId: someone(), displayName: name, roles: [...roles], team });
    }
    const officers = await store.list({ role: 'VETTING_OFFICER', team, page: 1, pageSize: 1 });
    expect(officers.total).toBe(2);
    expect(officers.items.map((m) => m.displayName)).toEqual(['Alice']);
    const second = await store.list({ role: 'VETTING_OFFICER', team, page: 2, pageSize: 1 });
    expect(second.items.map((m) => m.displayName)).toEqual(['Carol']);
    const everyone = await store.list({ team, page: 1, pageSize: 10 });
    expect(everyone.items.map((m) => m.displayName)).toEqual(['Alice', 'Bob', 'Carol']);
  });
});
