import { DataSource } from 'typeorm';
import { StaffDirectoryService } from '../../apps/api/src/staff/staff-directory.service';
import type { Principal } from '../../libs/domain/src';
import { ApiHarness } from '../support/api-harness';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { eligibleApplication } from '../support/fixtures';
import { adjudicator, auditor, newApplicant, officer, sponsor } from '../support/principals';
import { until } from '../support/until';

/**
 * The line manager as an aftercare actor over HTTP, on the real dev server and worker with appraisal years a few
 * seconds long: the sponsor names the holder's line manager; each year's appraisal needs the holder's part and the
 * line manager's; the line manager is told and reminded of theirs, reports a concern (a review task), and is the one
 * the overdue escalation goes to.
 */
const YEAR_MS = 40_000;
const REMINDER_MS = 8_000;
const OVERDUE_MS = 20_000;
const api = new ApiHarness({
  ...FAST_CHECKS_ENV,
  AFTERCARE_YEAR_MS: String(YEAR_MS),
  APPRAISAL_REMINDER_MS: String(REMINDER_MS),
  APPRAISAL_OVERDUE_MS: String(OVERDUE_MS),
});
const dv = new DvFlow(api);

const manager: Principal = { subject: 'line-manager-e2e-1', roles: ['LINE_MANAGER'], team: 'estates-e2e' };
const otherManager: Principal = { subject: 'line-manager-e2e-2', roles: ['LINE_MANAGER'] };

interface Appraisal {
  n: number;
  status: string;
  dueAt: string;
  parts?: { holder: string | null; lineManager: string | null };
}
interface ClearanceBody {
  clearanceId: string;
  status: string;
  holderId?: string;
  holderName?: string | null;
  lineManagerId?: string;
  lineManagerName?: string | null;
  appraisal: Appraisal | null;
}
interface ErrorBody {
  error: string;
  message: string;
  details?: { fields?: { field: string }[] };
}
interface InboxBody {
  items: { reason: string; body: string; caseId: string | null }[];
}

let holder: Principal;
let clearanceId: string;
let caseId: string;

beforeAll(async () => {
  await api.start();
  await api.enrol(otherManager);
  // As the identity provider's claims would record them: the name the sponsor's check shows.
  await api.app.get(StaffDirectoryService).seen(manager, 'Jordan Ellis');
  const started = await dv.newCase(
    eligibleApplication({ givenName: 'Robin', familyName: 'Ashby-Lowe' }),
    sponsor,
  );
  holder = started.applicant;
  caseId = started.caseId;
  await dv.toDecision(started.caseId, holder);
  await dv.expectOk(adjudicator, started.caseId, 'decision', { outcome: 'GRANTED' });
  clearanceId = await dv.heldClearanceId(holder, 30_000);
}, 300_000);
afterAll(() => api.stop());

const url = (path = ''): string => `/clearances/${clearanceId}${path}`;
const fields = (body: unknown): string[] => ((body as ErrorBody).details?.fields ?? []).map((f) => f.field);

/** This year's appraisal as the line manager sees it, once it is the year `n` and not yet complete. */
async function appraisalDue(n: number): Promise<Appraisal> {
  return until(
    `appraisal ${n} to fall due`,
    async () => {
      const a = ((await api.as(manager).get(url())).body as ClearanceBody).appraisal;
      return a && a.n === n && a.status !== 'SUBMITTED' ? a : undefined;
    },
    YEAR_MS * 2,
    500,
  );
}

/** The notice with this reason in someone's inbox (after `count` of them), once it arrives. */
async function notice(who: Principal, reason: string, count = 1): Promise<{ body: string }> {
  return until(
    `notice ${reason} #${count} to ${who.subject}`,
    async () => {
      const items = ((await api.as(who).get('/inbox')).body as InboxBody).items.filter(
        (m) => m.reason === reason,
      );
      return items.length >= count ? items[0] : undefined;
    },
    OVERDUE_MS + 15_000,
    500,
  );
}

const inboxReasons = async (who: Principal): Promise<string[]> =>
  ((await api.as(who).get('/inbox')).body as InboxBody).items.map((m) => m.reason);

interface SearchBody {
  items: { lineManagerId: string; displayName: string; team: string | null }[];
  capped: boolean;
}

/** Line managers only this spec's searches find (the directory is shared with the other suites of a run). */
const SEARCH_NAMES = {
  zoe: 'Zoë Ångström-Thistlewood',
  officer: 'Ångström Thistlewood',
  pat: 'Pat Quennellard',
};

describe('the line manager in aftercare', () => {
  it('lets the sponsor find the line managers they may name by name: capped at ten, accents ignored', async () => {
    const directory = api.app.get(StaffDirectoryService);
    await directory.seen(
      { subject: 'lm-search-zoe', roles: ['LINE_MANAGER'], team: 'estates-e2e' },
      SEARCH_NAMES.zoe,
    );
    // Someone by that name who is not a line manager is never offered.
    await directory.seen({ subject: 'lm-search-officer', roles: ['VETTING_OFFICER'] }, SEARCH_NAMES.officer);
    for (let i = 0; i <= 10; i++)
      await directory.seen(
        { subject: `lm-search-pat-${String(i).padStart(2, '0')}`, roles: ['LINE_MANAGER'] },
        SEARCH_NAMES.pat,
      );
    const search = (who: Principal, body: object) =>
      api.as(who).post(url('/line-manager-candidates/search'), body);
    const found = async (term: string): Promise<SearchBody> => {
      const res = await search(sponsor, { term });
      expect({ term, status: res.status }).toEqual({ term, status: 200 });
      return res.body as SearchBody;
    };

    expect(await found('thistlewood')).toEqual({
      items: [{ lineManagerId: 'lm-search-zoe', displayName: SEARCH_NAMES.zoe, team: 'estates-e2e' }],
      capped: false,
    });
    // Case and Latin accents ignored either way; each word begins a word of the name.
    for (const term of ['angstrom', 'ZOE ÅNGSTRÖM', 'Zoe Thistle', 'ångström-thistlewood'])
      expect({ term, ids: (await found(term)).items.map((i) => i.lineManagerId) }).toEqual({
        term,
        ids: ['lm-search-zoe'],
      });
    expect(await found('histlewood')).toEqual({ items: [], capped: false });
    // Eleven match: ten listed, by name then id, and capped says there are more.
    const many = await found('quennellard');
    expect(many.capped).toBe(true);
    expect(many.items.map((i) => i.lineManagerId)).toEqual(
      Array.from({ length: 10 }, (_, i) => `lm-search-pat-${String(i).padStart(2, '0')}`),
    );
    expect(await found('pat quennellard lm')).toEqual({ items: [], capped: false });

    // The clearance's sponsor only: another sponsor is told there is no such clearance, other roles 403.
    const strangerSponsor: Principal = { subject: 'sponsor-elsewhere', roles: ['SPONSOR'] };
    expect((await search(strangerSponsor, { term: 'thistlewood' })).status).toBe(404);
    for (const who of [manager, holder, officer])
      expect({ who: who.subject, status: (await search(who, { term: 'thistlewood' })).status }).toEqual({
        who: who.subject,
        status: 403,
      });
    // A body the API cannot search by: 400 naming the field.
    for (const [body, field] of [
      [{}, 'term'],
      [{ term: '' }, 'term'],
      [{ term: '   ' }, 'term'],
      [{ term: 'a' }, 'term'],
      [{ term: "a'-" }, 'term'],
      [{ term: 7 }, 'term'],
      [{ term: 'x'.repeat(101) }, 'term'],
      [{ term: 'thistlewood', lineManagerId: 'lm-search-zoe' }, 'lineManagerId'],
    ] as const) {
      const res = await search(sponsor, body);
      expect({ body, status: res.status, fields: fields(res.body) }).toEqual({
        body,
        status: 400,
        fields: [field],
      });
    }
    expect(
      (await api.as(sponsor).post('/clearances/not-a-uuid/line-manager-candidates/search', { term: 'ab' }))
        .status,
    ).toBe(400);
    // Audited against the granting case, as the check of one id is; the term is not in the audit row.
    const audit = await api.as(auditor).get(`/audit?caseId=${caseId}&pageSize=100`);
    const rows = (audit.body as { items: { action: string; outcome: string }[] }).items.filter(
      (e) => e.action === 'CLEARANCE_LINE_MANAGER_SEARCH',
    );
    expect(rows.map((e) => e.outcome)).toEqual(expect.arrayContaining(['200', 'FAILED:CLEARANCE_NOT_FOUND']));
    expect(JSON.stringify(rows)).not.toMatch(/thistle|angstrom|ångström|quennell/i);
  });

  it('shows the sponsor who one typed staff ID is before naming them, and refuses what naming would', async () => {
    const check = (who: Principal, query: string) => api.as(who).get(url(`/line-manager-candidate${query}`));
    const found = await check(sponsor, `?lineManagerId=${manager.subject}`);
    expect([found.status, found.body]).toEqual([
      200,
      { lineManagerId: manager.subject, displayName: 'Jordan Ellis', team: 'estates-e2e' },
    ]);
    // One ID, exactly: no partial match, no list (sponsors may not browse the staff directory).
    for (const lineManagerId of [
      'line-manager-e2e',
      'nobody-in-the-directory',
      officer.subject,
      holder.subject,
    ]) {
      const res = await check(sponsor, `?lineManagerId=${lineManagerId}`);
      expect({ lineManagerId, status: res.status, fields: fields(res.body) }).toEqual({
        lineManagerId,
        status: 422,
        fields: ['lineManagerId'],
      });
    }
    for (const query of [
      '',
      '?lineManagerId=',
      '?lineManagerId=two%20words%20%3Cb%3E',
      '?lineManagerId=a&x=1',
    ]) {
      const res = await check(sponsor, query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
    expect((await check(manager, `?lineManagerId=${manager.subject}`)).status).toBe(403);
    const strangerSponsor: Principal = { subject: 'sponsor-elsewhere', roles: ['SPONSOR'] };
    expect((await check(strangerSponsor, `?lineManagerId=${manager.subject}`)).status).toBe(404);
    const badId = await api.as(sponsor).get(`/clearances/not-a-uuid/line-manager-candidate?lineManagerId=x`);
    expect(badId.status).toBe(400);
    // Audited, as reads of the clearance are, against the case that granted it.
    const audit = await api.as(auditor).get(`/audit?caseId=${caseId}&pageSize=100`);
    expect(
      (audit.body as { items: { action: string; outcome: string }[] }).items.map((e) => [
        e.action,
        e.outcome,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['CLEARANCE_LINE_MANAGER_LOOKUP', '200'],
        ['CLEARANCE_LINE_MANAGER_LOOKUP', 'FAILED:INVALID_COMMAND'],
      ]),
    );
  });

  it('lets the sponsor name the line manager, who then sees that clearance and only what they need', async () => {
    expect((await api.as(manager).get(url())).status).toBe(404);
    const named = await api.as(sponsor).post(url('/line-manager'), { lineManagerId: manager.subject });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ lineManagerId: manager.subject, lineManagerName: 'Jordan Ellis' });
    // Told at once, discreetly, rather than only when the next appraisal falls due.
    const told = await notice(manager, 'LINE_MANAGER_NAMED');
    expect(told.body).not.toMatch(/line manager|appraisal|clearance|vetting/i);

    const seen = await api.as(manager).get(url());
    expect(seen.status).toBe(200);
    expect(Object.keys(seen.body as object).sort()).toEqual(
      [
        'appraisal',
        'clearanceId',
        'endedAt',
        'grantedOn',
        'holderId',
        'holderName',
        'level',
        'renewalDue',
        'status',
      ].sort(),
    );
    // By name: the line manager has to know whom they appraise (opened from the granting case's application).
    expect(seen.body).toMatchObject({
      clearanceId,
      holderId: holder.subject,
      holderName: 'Robin Ashby-Lowe',
      status: 'VALID',
    });
    const list = await api.as(manager).get('/clearances/managed');
    expect((list.body as { items: ClearanceBody[] }).items.map((c) => [c.clearanceId, c.holderName])).toEqual(
      [[clearanceId, 'Robin Ashby-Lowe']],
    );
    // The name is for the line manager's view only: the holder's and the sponsor's views do not carry it.
    const sponsorView = (await api.as(sponsor).get(url())).body as ClearanceBody;
    expect(sponsorView).not.toHaveProperty('holderName');
    // The sponsor sees the line manager by the name their check showed (that one id, from the staff directory).
    expect(sponsorView).toMatchObject({ lineManagerId: manager.subject, lineManagerName: 'Jordan Ellis' });
    // Named already: checking them again is refused as naming them again would be, and a search leaves them out.
    const again = await api.as(sponsor).get(url(`/line-manager-candidate?lineManagerId=${manager.subject}`));
    expect(again.status).toBe(409);
    const searched = await api
      .as(sponsor)
      .post(url('/line-manager-candidates/search'), { term: 'Jordan Ellis' });
    expect((searched.body as SearchBody).items.map((i) => i.lineManagerId)).not.toContain(manager.subject);
    // The holder sees who is named, by name (a colleague they appraise with), in their list too.
    const holderView = (await api.as(holder).get(url())).body as ClearanceBody;
    expect(holderView).toMatchObject({ lineManagerId: manager.subject, lineManagerName: 'Jordan Ellis' });
    const mine = (await api.as(holder).get('/clearances/mine')).body as { items: ClearanceBody[] };
    expect(mine.items.find((c) => c.clearanceId === clearanceId)).toMatchObject({
      lineManagerName: 'Jordan Ellis',
    });
  });

  it('answers another line manager as if there were no clearance, and other roles 403', async () => {
    expect((await api.as(otherManager).get('/clearances/managed')).body).toEqual({ items: [] });
    for (const res of [
      await api.as(otherManager).get(url()),
      await api
        .as(otherManager)
        .post(url('/manager-appraisals'), { n: 1, conductConfirmed: true, raisesConcern: false }),
    ]) {
      expect({ status: res.status, error: (res.body as ErrorBody).error }).toEqual({
        status: 404,
        error: 'CLEARANCE_NOT_FOUND',
      });
    }
    for (const who of [holder, sponsor, officer, adjudicator]) {
      const res = await api
        .as(who)
        .post(url('/manager-appraisals'), { n: 1, conductConfirmed: true, raisesConcern: false });
      expect({ who: who.subject, status: res.status }).toEqual({ who: who.subject, status: 403 });
    }
    expect(
      (await api.as(manager).post(url('/line-manager'), { lineManagerId: manager.subject })).status,
    ).toBe(403);
    const strangerSponsor: Principal = { subject: 'sponsor-elsewhere', roles: ['SPONSOR'] };
    expect(
      (await api.as(strangerSponsor).post(url('/line-manager'), { lineManagerId: otherManager.subject }))
        .status,
    ).toBe(404);
  });

  it('refuses bad input with 400 naming the field, and someone not a line manager with 422', async () => {
    const bad: [Principal, string, object, string][] = [
      [manager, '/manager-appraisals', { n: 1, raisesConcern: false }, 'conductConfirmed'],
      [
        manager,
        '/manager-appraisals',
        { n: 1, conductConfirmed: 'yes', raisesConcern: false },
        'conductConfirmed',
      ],
      [
        manager,
        '/manager-appraisals',
        { n: 1, conductConfirmed: true, raisesConcern: true },
        'concernDetails',
      ],
      [
        manager,
        '/manager-appraisals',
        { n: 1, conductConfirmed: false, raisesConcern: false, concernDetails: '   ' },
        'concernDetails',
      ],
      [manager, '/manager-appraisals', { conductConfirmed: true, raisesConcern: false }, 'n'],
      [
        manager,
        '/manager-appraisals',
        { n: 1, conductConfirmed: true, raisesConcern: false, mood: 'ok' },
        'mood',
      ],
      [sponsor, '/line-manager', { lineManagerId: 'two words <b>' }, 'lineManagerId'],
      [sponsor, '/line-manager', {}, 'lineManagerId'],
    ];
    for (const [who, path, body, field] of bad) {
      const res = await api.as(who).post(url(path), body);
      expect({ path, body, status: res.status, fields: fields(res.body) }).toEqual({
        path,
        body,
        status: 400,
        fields: expect.arrayContaining([field]) as string[],
      });
    }
    // Details without a concern: the clearance rules refuse them (400, not stored).
    const details = await api.as(manager).post(url('/manager-appraisals'), {
      n: 1,
      conductConfirmed: true,
      raisesConcern: false,
      concernDetails: 'x',
    });
    expect(details.status).toBe(400);
    for (const lineManagerId of ['nobody-in-the-directory', officer.subject, holder.subject]) {
      const res = await api.as(sponsor).post(url('/line-manager'), { lineManagerId });
      expect({ lineManagerId, status: res.status, fields: fields(res.body) }).toEqual({
        lineManagerId,
        status: 422,
        fields: ['lineManagerId'],
      });
    }
  });

  it("refuses the line manager's part with 409 while no appraisal is due", async () => {
    const res = await api
      .as(manager)
      .post(url('/manager-appraisals'), { n: 1, conductConfirmed: true, raisesConcern: false });
    expect(res.status).toBe(409);
  });

  it(
    'tells and reminds the line manager of their part; the year is complete once both parts are in',
    async () => {
      const due = await appraisalDue(1);
      expect(due.parts).toEqual({ holder: null, lineManager: null });
      const told = await notice(manager, 'APPRAISAL_DUE');
      expect(told.body).not.toMatch(/appraisal|clearance|vetting/i);
      await notice(manager, 'REMINDER');
      // The holder's part alone leaves the year awaiting the line manager.
      const holderPart = await api
        .as(holder)
        .post(url('/appraisals'), { n: 1, raisesConcern: false, summary: 'Nothing to report' });
      expect(holderPart.status).toBe(200);
      expect((holderPart.body as ClearanceBody).appraisal).toMatchObject({ n: 1, status: 'DUE' });
      const managerPart = await api
        .as(manager)
        .post(url('/manager-appraisals'), { n: 1, conductConfirmed: true, raisesConcern: false });
      expect(managerPart.status).toBe(200);
      expect((managerPart.body as ClearanceBody).appraisal).toMatchObject({ n: 1, status: 'SUBMITTED' });
      const twice = await api
        .as(manager)
        .post(url('/manager-appraisals'), { n: 1, conductConfirmed: true, raisesConcern: false });
      expect(twice.status).toBe(409);
      const tasks = await api.as(officer).get('/clearances/review-tasks?pageSize=100');
      expect(
        (tasks.body as { items: { clearanceId: string }[] }).items.filter(
          (t) => t.clearanceId === clearanceId,
        ),
      ).toEqual([]);
    },
    YEAR_MS * 3,
  );

  it(
    "opens a review task for the line manager's concern, and escalates the overdue year to the line manager",
    async () => {
      const due = await appraisalDue(2);
      const concern = await api.as(manager).post(url('/manager-appraisals'), {
        n: due.n,
        conductConfirmed: true,
        raisesConcern: true,
        concernDetails: 'Discussed classified work in a public place',
      });
      expect(concern.status).toBe(200);
      expect((concern.body as ClearanceBody).appraisal).toMatchObject({ n: 2, status: 'DUE' });
      const task = await until(
        'the concern in the officers’ queue',
        async () => {
          const res = await api.as(officer).get('/clearances/review-tasks?pageSize=100');
          return (res.body as { items: { clearanceId: string; kind: string }[] }).items.find(
            (t) => t.clearanceId === clearanceId,
          );
        },
        10_000,
        250,
      );
      expect(task.kind).toBe('APPRAISAL_CONCERN');
      // The holder never sends their part: the year goes overdue, and the line manager is told.
      await notice(manager, 'ESCALATION');
      const read = await api.as(manager).get(url());
      expect((read.body as ClearanceBody).appraisal).toMatchObject({ n: 2, status: 'OVERDUE' });
      expect(await inboxReasons(sponsor)).not.toContain('ESCALATION');
      // Their own part in, the line manager was not reminded this year (one reminder in all, from year 1).
      expect((await inboxReasons(manager)).filter((r) => r === 'REMINDER')).toHaveLength(1);
    },
    YEAR_MS * 3,
  );

  it('moves the clearance to a new line manager when the sponsor changes them, and tells the one replaced', async () => {
    const changed = await api.as(sponsor).post(url('/line-manager'), { lineManagerId: otherManager.subject });
    expect(changed.status).toBe(200);
    expect((await api.as(manager).get(url())).status).toBe(404);
    expect((await api.as(manager).get('/clearances/managed')).body).toEqual({ items: [] });
    expect((await api.as(otherManager).get(url())).status).toBe(200);
    await notice(otherManager, 'LINE_MANAGER_NAMED');
    // The manager replaced is told too, discreetly: they no longer see the clearance, so the inbox is all they get.
    const replaced = await notice(manager, 'LINE_MANAGER_REPLACED');
    expect(replaced.body).not.toMatch(/line manager|appraisal|clearance|vetting/i);
    const again = await api.as(sponsor).post(url('/line-manager'), { lineManagerId: otherManager.subject });
    expect(again.status).toBe(409);
    // One notice each: the refused naming tells no one, and the manager named before is not told again.
    const named = async (who: Principal): Promise<number> =>
      (await inboxReasons(who)).filter((r) => r === 'LINE_MANAGER_NAMED').length;
    expect(await named(otherManager)).toBe(1);
    expect(await named(manager)).toBe(1);
    // The first naming replaced no one, and the new manager is not told they were replaced.
    const replacedNotices = async (who: Principal): Promise<number> =>
      (await inboxReasons(who)).filter((r) => r === 'LINE_MANAGER_REPLACED').length;
    expect(await replacedNotices(manager)).toBe(1);
    expect(await replacedNotices(otherManager)).toBe(0);
    const stranger = newApplicant();
    expect((await api.as(stranger).get(url())).status).toBe(404);
    // Enrolled without a name, the directory holds the id as the name; once it no longer knows the id, null.
    expect(changed.body).toMatchObject({ lineManagerName: otherManager.subject });
    await api.app
      .get(DataSource)
      .query('DELETE FROM staff_member WHERE user_id = $1', [otherManager.subject]);
    const forgotten = await api.as(sponsor).get(url());
    expect(forgotten.body).toMatchObject({ lineManagerId: otherManager.subject, lineManagerName: null });
  });
});
