import { APPEAL_STATUSES } from '../../../../libs/domain/src';
import { endOfDayInLondon } from './appeal-staff.controller';
import type { AppealEvent, AppealStaffView } from './appeal-staff-words';
import {
  appealEventTimeline,
  appealSummary,
  queueLinkFilters,
  readQueueQuery,
  secretaryItems,
  selectedQueueFilters,
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
    // One item per recorded event (the lodging is the appeal's first state), newest first.
    const event = (
      seq: number,
      action: string,
      actorRole: string,
      actorId: string | null,
      at: string,
    ): AppealEvent => ({
      seq,
      action,
      actorRole,
      actorId,
      fromStatus: 'PANEL_ACKNOWLEDGED',
      toStatus: 'PANEL_ACKNOWLEDGED',
      at,
    });
    const events = [
      event(1, 'UPHOLD', 'APPEAL_OFFICER', 'adjudicator-2', '2027-02-05T09:00:00Z'),
      event(2, 'REGISTER_INTENT', 'APPELLANT', null, '2027-02-10T09:00:00Z'),
      event(3, 'ACKNOWLEDGE', 'PANEL_SECRETARY', 'secretary-1', '2027-02-11T09:00:00Z'),
      event(4, 'EXTEND_DEADLINE', 'PANEL_SECRETARY', 'secretary-1', '2027-02-12T09:00:00.000Z'),
      event(5, 'STATEMENT_OVERDUE', 'SYSTEM', null, '2027-03-10T00:00:00Z'),
    ];
    const timeline = appealEventTimeline(extended, events, 'secretary-1', {
      'adjudicator-2': 'Ayesha Malik',
    });
    expect(timeline.map((t) => t.label.text)).toEqual([
      // An event from before sides were kept (no side from an older API) does not say whose.
      'Statement of case overdue (side not recorded)',
      'Extension granted: the department’s statement',
      'Registration acknowledged',
      'Intent to go to the panel registered',
      'Internal hearing: upheld',
      'Appeal lodged',
    ]);
    expect(timeline.map((t) => t.byline?.text)).toEqual([
      'Vetting service',
      'you',
      'you',
      'the appellant',
      'Ayesha Malik',
      'the appellant',
    ]);
    expect(timeline[1]?.text).toContain('Reason: Papers');
  });

  it('name the panel secretary, offer a secretary to take it on, and say whose statement is overdue', () => {
    const named = acknowledged();
    const panel = named.panel;
    if (!panel) throw new Error('no panel');
    const before = appeal({ ...named, staffNames: { 'secretary-2': 'Sam Lee' } });
    // An appeal from before secretaries were named says nothing of one.
    expect(appealSummary(before, NOW, 'secretary-1').map((r) => r.key)).not.toContain('Panel secretary');
    const nobody = appeal({ ...before, panel: { ...panel, secretaryId: null } });
    expect(appealSummary(nobody, NOW, 'secretary-1')).toContainEqual({
      key: 'Panel secretary',
      value: 'Not named yet (the secretary who acknowledges it is named)',
    });
    expect(staffActions(nobody, SECRETARY, NOW, 'secretary-1').takeOn).toBe(true);
    expect(staffActions(nobody, ADJUDICATOR, NOW, 'adjudicator-1').takeOn).toBe(false);
    const other = appeal({ ...before, panel: { ...panel, secretaryId: 'secretary-2' } });
    expect(appealSummary(other, NOW, 'secretary-1')).toContainEqual({
      key: 'Panel secretary',
      value: 'Sam Lee',
    });
    expect(staffActions(other, SECRETARY, NOW, 'secretary-1').takeOn).toBe(true);
    expect(staffActions(other, SECRETARY, NOW, 'secretary-2').takeOn).toBe(false);
    expect(staffActions(appeal({ status: 'PANEL_DECIDED' }), SECRETARY, NOW, 'x').takeOn).toBe(false);

    const event = (action: string, side?: AppealEvent['side']): AppealEvent => ({
      seq: 1,
      action,
      actorRole: 'SYSTEM',
      actorId: null,
      fromStatus: 'PANEL_ACKNOWLEDGED',
      toStatus: 'PANEL_ACKNOWLEDGED',
      at: '2027-03-10T00:00:01Z',
      ...(side === undefined ? {} : { side }),
    });
    const labels = appealEventTimeline(
      other,
      [
        event('STATEMENT_OVERDUE', 'APPELLANT'),
        event('STATEMENT_OVERDUE', 'DEPARTMENT'),
        event('STATEMENT_OVERDUE', null),
        event('STATEMENT_OVERDUE'),
        event('NAME_SECRETARY', null),
      ],
      'secretary-1',
    ).map((i) => i.label.text);
    expect(labels).toEqual([
      'Panel secretary named',
      'Statement of case overdue (side not recorded)',
      'Statement of case overdue (side not recorded)',
      'Statement of case overdue: the department',
      'Statement of case overdue: the appellant',
      'Appeal lodged',
    ]);
  });

  it('name who took part in the case, you first, and offer them no hearing', () => {
    const involved = appeal({
      priorInvolvement: ['officer-1', 'adjudicator-1', 'sponsor-1'],
      youMayNotHear: 'the appeal must be heard by someone with no prior involvement',
      staffNames: { 'officer-1': 'Olivia Hughes', 'sponsor-1': 'Sam Sponsor' },
    });
    expect(appealSummary(involved, NOW, 'adjudicator-1').find((r) => r.key.startsWith('Prior'))).toEqual({
      key: 'Prior involvement (may not hear it)',
      value: 'you\nOlivia Hughes\nSam Sponsor',
    });
    expect(staffActions(involved, ADJUDICATOR, NOW)).toMatchObject({
      hearing: false,
      complaintResponse: false,
    });
    expect(staffActions({ ...involved, youMayNotHear: null }, ADJUDICATOR, NOW).hearing).toBe(true);
    // From an older API, no row rather than a wrong one.
    expect(appealSummary(appeal(), NOW).some((r) => r.key.startsWith('Prior'))).toBe(false);
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
    // The "Named secretary" filter: only its two values are read, and the headings keep it.
    expect(readQueueQuery({ secretary: 'anyone-else' })).toEqual({ sort: 'lodged', order: 'ascending' });
    const mine = readQueueQuery({ secretary: 'me' });
    expect(mine.secretary).toBe('me');
    expect(sortHeadings(mine).case.href).toBe('/appeals?secretary=me&sort=case&order=ascending');
    expect(
      secretaryItems(mine)
        .filter((i) => i.checked)
        .map((i) => i.text),
    ).toEqual(['Me']);
    expect(
      secretaryItems(readQueueQuery({}))
        .filter((i) => i.checked)
        .map((i) => i.text),
    ).toEqual(['Anyone']);
  });

  it('name each filter in use as a tag linking to the list without it, and read the page', () => {
    expect(selectedQueueFilters(readQueueQuery({}))).toBeUndefined();
    const q = readQueueQuery({
      secretary: 'none',
      kind: 'COMPLAINT',
      page: '3',
      sort: 'kind',
      order: 'descending',
    });
    expect(q.page).toBe(3);
    expect(selectedQueueFilters(q)).toEqual({
      heading: { text: 'Selected filters' },
      clearLink: { text: 'Clear filters', href: '/appeals' },
      categories: [
        {
          heading: { text: 'Named secretary' },
          items: [{ href: '/appeals?kind=COMPLAINT&sort=kind&order=descending', text: 'None named' }],
        },
        {
          heading: { text: 'Kind' },
          items: [{ href: '/appeals?secretary=none&sort=kind&order=descending', text: 'Complaint' }],
        },
      ],
    });
    // A new filter starts at page 1: the pagination adds the page itself.
    expect(queueLinkFilters(q)).toEqual({
      kind: 'COMPLAINT',
      secretary: 'none',
      sort: 'kind',
      order: 'descending',
    });
    for (const page of ['0', '-1', 'x', '99999', '1.5'])
      expect(readQueueQuery({ page }).page).toBeUndefined();
  });

  it('read a due date as the end of that day in London, summer or winter', () => {
    expect(endOfDayInLondon('2027-01-15')).toBe('2027-01-15T23:59:59.000Z');
    expect(endOfDayInLondon('2027-07-15')).toBe('2027-07-15T22:59:59.000Z');
  });
});
