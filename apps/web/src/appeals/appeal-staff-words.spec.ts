import { APPEAL_STATUSES } from '../../../../libs/domain/src';
import { endOfDayInLondon } from './appeal-staff.controller';
import type { AppealStaffView } from './appeal-staff-words';
import {
  appealSummary,
  appealTimeline,
  readQueueQuery,
  sortedQueue,
  sortHeadings,
  staffActions,
  STATUS_WORDS,
} from './appeal-staff-words';

const NOW = Date.parse('2027-03-01T12:00:00Z');
const ADJUDICATOR = ['SENIOR_ADJUDICATOR'];
const SECRETARY = ['PANEL_SECRETARY'];

function appeal(overrides: Partial<AppealStaffView> = {}): AppealStaffView {
  return {
    appealId: 'a0000000-0000-4000-8000-000000000001',
    kind: 'APPEAL',
    ground: 'WITHDRAWAL',
    status: 'INTERNAL_REVIEW',
    caseId: 'c0000000-0000-4000-8000-000000000001',
    clearanceId: 'd0000000-0000-4000-8000-000000000001',
    grounds: 'Declared in 2019.',
    internal: null,
    panelWindowEndsAt: null,
    panel: null,
    complaint: null,
    effect: null,
    lodgedAt: '2027-02-01T09:00:00Z',
    updatedAt: '2027-02-01T09:00:00Z',
    ...overrides,
  };
}

type Statement = NonNullable<NonNullable<AppealStaffView['panel']>['statements']>['APPELLANT'];

const statement = (dueAt: string, submittedAt: string | null = null): Statement => ({
  dueAt,
  submittedAt,
  overdue: false,
  extensions: [],
});

/** An appeal before the panel, acknowledged, with each side's statement as given. */
function acknowledged(
  appellant = statement('2027-03-10T00:00:00Z'),
  department = appellant,
): AppealStaffView {
  return appeal({
    status: 'PANEL_ACKNOWLEDGED',
    panel: {
      registeredAt: '2027-02-10T09:00:00Z',
      acknowledgeBy: '2027-02-17T09:00:00Z',
      acknowledgedAt: '2027-02-11T09:00:00Z',
      acknowledgementOverdue: false,
      statements: { APPELLANT: appellant, DEPARTMENT: department },
      recommendation: null,
      recordedBy: null,
    },
  });
}

describe('the staff appeal pages', () => {
  it('say every status in words, never a code', () => {
    for (const status of APPEAL_STATUSES) expect(STATUS_WORDS[status].text).not.toMatch(/_/);
  });

  it('offer each role only what the appeal accepts now', () => {
    expect(staffActions(appeal(), ADJUDICATOR, NOW)).toMatchObject({
      hearing: true,
      complaintResponse: false,
    });
    expect(staffActions(appeal(), SECRETARY, NOW)).toMatchObject({ hearing: false, acknowledge: false });
    const registered = appeal({ status: 'PANEL_REGISTERED' });
    expect(staffActions(registered, SECRETARY, NOW).acknowledge).toBe(true);
    expect(staffActions(registered, ADJUDICATOR, NOW).acknowledge).toBe(false);

    // Both statements awaited: extensions for both, the department's statement, no recommendation yet.
    const waiting = acknowledged();
    expect(staffActions(waiting, SECRETARY, NOW)).toMatchObject({
      extension: ['APPELLANT', 'DEPARTMENT'],
      recommendation: false,
    });
    expect(staffActions(waiting, ADJUDICATOR, NOW).statement).toBe(true);

    // The department's in, the appellant's deadline passed: the panel may decide; an extension only for the late.
    const ready = acknowledged(
      statement('2027-02-20T00:00:00Z'),
      statement('2027-03-10T00:00:00Z', '2027-02-15T00:00:00Z'),
    );
    expect(staffActions(ready, SECRETARY, NOW)).toMatchObject({
      extension: ['APPELLANT'],
      recommendation: true,
    });
    expect(staffActions(ready, ADJUDICATOR, NOW).statement).toBe(false);

    const complaint = appeal({
      kind: 'COMPLAINT',
      status: 'COMPLAINT_OPEN',
      complaint: { respondBy: '2027-02-20T00:00:00Z', overdue: true, outcome: null, answeredBy: null },
    });
    expect(staffActions(complaint, ADJUDICATOR, NOW).complaintResponse).toBe(true);
    // Answered: the outcome and the response the complainant reads (none on one answered before it was kept).
    const answered = appeal({
      kind: 'COMPLAINT',
      status: 'COMPLAINT_ANSWERED',
      complaint: {
        respondBy: '2027-02-20T00:00:00Z',
        overdue: false,
        outcome: 'NOT_UPHELD',
        answeredBy: 'adjudicator-2',
        response: 'Handled correctly.',
      },
    });
    expect(appealSummary(answered, NOW).find((r) => r.key === 'Response sent')?.value).toBe(
      'Handled correctly.',
    );
    const older = appeal({ ...answered, complaint: { ...answered.complaint!, response: undefined } });
    expect(appealSummary(older, NOW).some((r) => r.key === 'Response sent')).toBe(false);
  });

  it('summarise deadlines and extensions, and tell the story newest first', () => {
    const extended = acknowledged(statement('2027-03-10T00:00:00Z'), {
      ...statement('2027-04-01T22:59:59Z'),
      extensions: [
        { by: 'secretary-1', at: '2027-02-12T09:00:00Z', reason: 'Papers', dueAt: '2027-04-01T22:59:59Z' },
      ],
    });
    const rows = appealSummary(extended, NOW);
    expect(rows.find((r) => r.key === 'Status')).toMatchObject({
      value: 'Acknowledged by the panel',
      colour: 'purple',
    });
    expect(rows.find((r) => r.key === 'Extensions for the department')?.value).toContain('Papers');
    const timeline = appealTimeline(extended, 'secretary-1');
    expect(timeline.map((t) => t.label.text)).toEqual([
      'Extension granted: the department’s statement',
      'Registration acknowledged',
      'Intent to go to the panel registered',
      'Appeal lodged',
    ]);
    expect(timeline[0]?.byline?.text).toBe('you');
  });

  it('sort and filter the queue from the address, anything unknown being the default', () => {
    expect(readQueueQuery({ sort: 'drop table', order: 'sideways', kind: 'X' })).toEqual({
      sort: 'lodged',
      order: 'ascending',
    });
    const older = appeal();
    const complaint = appeal({
      appealId: 'a0000000-0000-4000-8000-000000000002',
      kind: 'COMPLAINT',
      status: 'COMPLAINT_OPEN',
      lodgedAt: '2027-02-02T09:00:00Z',
      complaint: { respondBy: '2027-02-05T00:00:00Z', overdue: true, outcome: null, answeredBy: null },
    });
    const byKindDown = readQueueQuery({ sort: 'kind', order: 'descending' });
    expect(sortedQueue([older, complaint], byKindDown, NOW).map((a) => a.kind)).toEqual([
      'COMPLAINT',
      'APPEAL',
    ]);
    // No deadline goes last whichever the direction.
    for (const order of ['ascending', 'descending'])
      expect(sortedQueue([older, complaint], readQueueQuery({ sort: 'deadline', order }), NOW)[0]?.kind).toBe(
        'COMPLAINT',
      );
    expect(sortedQueue([older, complaint], readQueueQuery({ kind: 'APPEAL' }), NOW)).toEqual([older]);
    const headings = sortHeadings(readQueueQuery({ sort: 'kind', status: 'COMPLAINT_OPEN' }));
    expect(headings.kind).toEqual({
      href: '/appeals?status=COMPLAINT_OPEN&sort=kind&order=descending',
      ariaSort: 'ascending',
    });
    expect(headings.lodged.ariaSort).toBe('none');
  });

  it('read a due date as the end of that day in London, summer or winter', () => {
    expect(endOfDayInLondon('2027-01-15')).toBe('2027-01-15T23:59:59.000Z');
    expect(endOfDayInLondon('2027-07-15')).toBe('2027-07-15T22:59:59.000Z');
  });
});
