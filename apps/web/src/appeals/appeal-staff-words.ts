import { findLocalUser } from '../../../../libs/config/src';
import {
  APPEAL_KINDS,
  APPEAL_STATUSES,
  STATEMENT_SIDES,
  appealTransition,
} from '../../../../libs/domain/src';
import type {
  AppealKind,
  AppealState,
  AppealStatus,
  ComplaintOutcome,
  PanelRecommendation,
  StatementSide,
} from '../../../../libs/domain/src';
import { caseRef } from '../cases/case.types';
import { govukDate, govukDateTime } from '../common/view-filters';

// Words, actions, timeline and queue order for the staff's appeal pages: pure, so the unit spec beside this file
// pins them without a browser. What the API accepts stays the API's call; these only decide what to offer.

/** An appeal or complaint as the API shows it to staff (GET /appeals/:appealId and each row of GET /appeals). */
export type AppealStaffView = Pick<
  AppealState,
  | 'appealId'
  | 'kind'
  | 'ground'
  | 'status'
  | 'caseId'
  | 'clearanceId'
  | 'grounds'
  | 'internal'
  | 'panelWindowEndsAt'
  | 'panel'
  | 'complaint'
  | 'effect'
  | 'lodgedAt'
  | 'updatedAt'
> & {
  /** Who took part in the case or the clearance (absent from an older API). */
  priorInvolvement?: string[];
  /** Why the reader may not hear it, or null (absent from an older API). */
  youMayNotHear?: string | null;
  /** Names of the staff the appeal names, by user id. */
  staffNames?: Record<string, string>;
};

/** One event of an appeal's history (GET /appeals/:appealId/events), oldest first. */
export interface AppealEvent {
  seq: number;
  action: string;
  actorRole: string;
  /** The member of staff who acted; null for the appellant and the clock. */
  actorId: string | null;
  fromStatus: AppealStatus;
  toStatus: AppealStatus;
  at: string;
  /**
   * Whose statement of case (an overdue mark, an extension, a submission); null for other actions and for marks
   * recorded before sides were kept; absent from an older API.
   */
  side?: StatementSide | null;
}

export const KIND_WORDS: Record<AppealKind, string> = { APPEAL: 'Appeal', COMPLAINT: 'Complaint' };

/** Staff words for each status, with a tag colour (the appellant never sees these: they get a coarser vocabulary). */
export const STATUS_WORDS: Record<AppealStatus, { text: string; colour: string }> = {
  INTERNAL_REVIEW: { text: 'Internal review', colour: 'blue' },
  OVERTURNED: { text: 'Overturned', colour: 'green' },
  UPHELD: { text: 'Upheld (panel window open)', colour: 'yellow' },
  PANEL_REGISTERED: { text: 'Registered with the panel', colour: 'purple' },
  PANEL_ACKNOWLEDGED: { text: 'Acknowledged by the panel', colour: 'purple' },
  PANEL_DECIDED: { text: 'Panel recommended', colour: 'green' },
  CLOSED: { text: 'Closed', colour: 'grey' },
  COMPLAINT_OPEN: { text: 'Complaint open', colour: 'blue' },
  COMPLAINT_ANSWERED: { text: 'Complaint answered', colour: 'green' },
};

export const RECOMMENDATION_WORDS: Record<PanelRecommendation, { text: string; hint: string }> = {
  DECISION_STANDS: { text: 'The decision stands', hint: 'Nothing changes.' },
  SET_ASIDE: {
    text: 'The decision is set aside',
    hint: 'The system grants the clearance refused, or restores the one withdrawn.',
  },
  CLEARANCE_GRANTED_OR_RESTORED: {
    text: 'Clearance granted or restored',
    hint: 'The system grants the clearance refused, or restores the one withdrawn.',
  },
  VETTING_RERUN: {
    text: 'Vetting is run again',
    hint: 'The system opens a new vetting case for the appellant.',
  },
};

export const HEARING_OUTCOME_WORDS: Record<'UPHELD' | 'OVERTURNED', { text: string; hint: string }> = {
  UPHELD: {
    text: 'Upheld: the decision stands',
    hint: 'The appellant may then take the appeal to the independent panel within the panel window.',
  },
  OVERTURNED: {
    text: 'Overturned: the decision is reversed',
    hint: 'The system grants the clearance refused, or restores the one withdrawn.',
  },
};

export const COMPLAINT_OUTCOME_WORDS: Record<ComplaintOutcome, string> = {
  UPHELD: 'Upheld',
  NOT_UPHELD: 'Not upheld',
};

export const SIDE_WORDS: Record<StatementSide, string> = {
  APPELLANT: 'The appellant',
  DEPARTMENT: 'The department',
};

const EFFECT_WORDS: Record<NonNullable<AppealStaffView['effect']>['kind'], string> = {
  RESTORE_CLEARANCE: 'Restore the clearance',
  GRANT_CLEARANCE: 'Grant a clearance',
  RERUN_VETTING: 'Run vetting again',
  NONE: 'Nothing to carry out',
};

/**
 * A member of staff by id: their name as the API gave it, else where the web service knows it (the local users),
 * else the id.
 */
export function staffName(subject: string, you: string, names: Record<string, string> = {}): string {
  if (subject === you) return 'you';
  if (subject === 'system') return 'Vetting service';
  return names[subject] ?? findLocalUser(subject)?.name ?? subject;
}

/** What the appeal is about, as its page's heading says it. */
export function appealTitle(a: Pick<AppealStaffView, 'kind' | 'ground'>): string {
  if (a.kind === 'COMPLAINT') return 'Complaint about a refusal';
  return a.ground === 'WITHDRAWAL' ? 'Appeal against a withdrawal' : 'Appeal against a refusal';
}

/** Whether a side's statement of case may still come in at `now`. */
function awaited(a: AppealStaffView, side: StatementSide, now: number): boolean {
  const s = a.panel?.statements?.[side];
  return !!s && !s.submittedAt && now <= Date.parse(s.dueAt);
}

/** The actions each role is offered on the appeal page, from the appeal transition table and the deadlines. */
export interface StaffActions {
  hearing: boolean;
  complaintResponse: boolean;
  statement: boolean;
  acknowledge: boolean;
  /** Name yourself the appeal's panel secretary (nobody named, or someone else). */
  takeOn: boolean;
  extension: StatementSide[];
  recommendation: boolean;
}

export function staffActions(
  a: AppealStaffView,
  roles: readonly string[],
  now: number,
  you = '',
): StaffActions {
  const adjudicator = roles.includes('SENIOR_ADJUDICATOR');
  const secretary = roles.includes('PANEL_SECRETARY');
  const can = (action: Parameters<typeof appealTransition>[1]) => !!appealTransition(a.status, action);
  const statements = a.panel?.statements ?? null;
  // Someone with prior involvement is told so on the page rather than offered a hearing the API would refuse.
  const independent = !a.youMayNotHear;
  return {
    hearing: adjudicator && independent && can('UPHOLD'),
    complaintResponse: adjudicator && independent && can('ANSWER_COMPLAINT'),
    statement: adjudicator && can('SUBMIT_STATEMENT') && awaited(a, 'DEPARTMENT', now),
    acknowledge: secretary && can('ACKNOWLEDGE'),
    takeOn: secretary && can('NAME_SECRETARY') && a.panel?.secretaryId !== you,
    // An extension for a statement not yet in (overdue ones too: that is what an extension is for).
    extension:
      secretary && can('EXTEND_DEADLINE') && statements
        ? STATEMENT_SIDES.filter((side) => !statements[side].submittedAt)
        : [],
    // The panel decides once neither statement is still awaited within its deadline (the appeal rules' check).
    recommendation:
      secretary && can('RECORD_RECOMMENDATION') && !STATEMENT_SIDES.some((side) => awaited(a, side, now)),
  };
}

/** An MoJ timeline item. */
export interface TimelineItem {
  label: { text: string };
  text: string;
  datetime: { timestamp: string; type: 'datetime' };
  byline?: { text: string };
}

function effectWords(effect: NonNullable<AppealStaffView['effect']>): string {
  if (effect.kind === 'NONE') return 'Nothing to carry out.';
  return `${EFFECT_WORDS[effect.kind]}: ${effect.done ? 'carried out' : 'not carried out yet'}.`;
}

/** One row of the appeal's summary; `colour` makes the value a status tag. */
export interface SummaryItem {
  key: string;
  value: string;
  colour?: string;
}

/** The appeal's summary: what it is, where it stands, its deadlines, statements and extensions. */
export function appealSummary(a: AppealStaffView, now: number, you = ''): SummaryItem[] {
  const status = STATUS_WORDS[a.status];
  const ground = a.ground === 'WITHDRAWAL' ? 'withdrawal of clearance' : 'refusal of clearance';
  const rows: SummaryItem[] = [
    { key: 'Kind', value: `${KIND_WORDS[a.kind]} about a ${ground}` },
    { key: 'Status', value: status.text, colour: status.colour },
    { key: 'Case reference', value: caseRef(a.caseId) },
  ];
  if (a.clearanceId) rows.push({ key: 'Clearance reference', value: caseRef(a.clearanceId) });
  rows.push({ key: 'Lodged', value: govukDateTime(a.lodgedAt) });
  rows.push({ key: 'Grounds', value: a.grounds });
  if (a.priorInvolvement)
    rows.push({ key: 'Prior involvement (may not hear it)', value: involvedWords(a, you) });
  if (a.internal) {
    rows.push({
      key: 'Internal hearing',
      value: `${a.internal.outcome === 'UPHELD' ? 'Upheld' : 'Overturned'} on ${govukDate(a.internal.at)}`,
    });
    rows.push({ key: 'Review of the decision', value: a.internal.review.decision });
    rows.push({ key: 'Review of the process', value: a.internal.review.process });
    rows.push({ key: 'Review of what was disclosed', value: a.internal.review.disclosure });
  }
  if (a.panelWindowEndsAt) {
    rows.push({
      key: a.status === 'UPHELD' ? 'Panel window ends' : 'Panel window open until',
      value: govukDateTime(a.panelWindowEndsAt),
    });
  }
  const panel = a.panel;
  if (panel) {
    rows.push({ key: 'Intent registered', value: govukDateTime(panel.registeredAt) });
    rows.push(
      panel.acknowledgedAt
        ? { key: 'Acknowledged', value: govukDateTime(panel.acknowledgedAt) }
        : {
            key: 'Acknowledge by',
            value: `${govukDateTime(panel.acknowledgeBy)}${panel.acknowledgementOverdue ? ' (overdue)' : ''}`,
          },
    );
    // Who the clock reminds; on an appeal from before secretaries were named, nothing is said.
    if (panel.secretaryId !== undefined)
      rows.push({
        key: 'Panel secretary',
        value: panel.secretaryId
          ? staffName(panel.secretaryId, you, a.staffNames)
          : 'Not named yet (the secretary who acknowledges it is named)',
      });
    for (const side of STATEMENT_SIDES) {
      const s = panel.statements?.[side];
      if (!s) continue;
      const state = s.submittedAt
        ? `Received ${govukDateTime(s.submittedAt)}`
        : s.overdue || now > Date.parse(s.dueAt)
          ? `Not received: overdue since ${govukDateTime(s.dueAt)}`
          : `Due by ${govukDateTime(s.dueAt)}`;
      rows.push({ key: `${SIDE_WORDS[side]}’s statement of case`, value: state });
      if (s.extensions.length > 0)
        rows.push({
          key: `Extensions for ${SIDE_WORDS[side].toLowerCase()}`,
          value: s.extensions.map((e) => `To ${govukDateTime(e.dueAt)}: ${e.reason}`).join('\n'),
        });
    }
    if (panel.recommendation)
      rows.push({ key: 'Panel recommendation', value: RECOMMENDATION_WORDS[panel.recommendation].text });
  }
  const complaint = a.complaint;
  if (complaint) {
    rows.push(
      complaint.outcome
        ? { key: 'Outcome', value: COMPLAINT_OUTCOME_WORDS[complaint.outcome] }
        : {
            key: 'Respond by',
            value: `${govukDateTime(complaint.respondBy)}${complaint.overdue ? ' (overdue)' : ''}`,
          },
    );
    // The written response as the complainant reads it (none kept on complaints answered before it was).
    if (complaint.response) rows.push({ key: 'Response sent', value: complaint.response });
  }
  if (a.effect && a.effect.kind !== 'NONE')
    rows.push({ key: 'Carrying out the outcome', value: effectWords(a.effect) });
  return rows;
}

/** Who took part in the case or clearance, by name, one a line: none of them may hear the appeal. */
export function involvedWords(a: AppealStaffView, you: string): string {
  const ids = [...new Set(a.priorInvolvement ?? [])];
  if (ids.length === 0) return 'Nobody recorded';
  const names = ids.map((id) => staffName(id, you, a.staffNames));
  // You first, so an adjudicator sees at once that they are one of them.
  return names.sort((x, y) => Number(y === 'you') - Number(x === 'you') || x.localeCompare(y)).join('\n');
}

/** What each recorded action is called in the appeal's history. */
const EVENT_LABELS: Record<string, string> = {
  REGISTER_INTENT: 'Intent to go to the panel registered',
  ACKNOWLEDGE: 'Registration acknowledged',
  WINDOW_CLOSED: 'Closed',
  ACKNOWLEDGEMENT_OVERDUE: 'Acknowledgement overdue',
  STATEMENT_OVERDUE: 'Statement of case overdue',
  NAME_SECRETARY: 'Panel secretary named',
  RESPONSE_OVERDUE: 'Complaint response overdue',
};

/**
 * The appeal's history, newest first, one item per recorded event (and its lodging, which is the appeal's first
 * state rather than an event). Details the events do not carry (an extension's side and reasons, the
 * recommendation, a complaint's outcome) come from the appeal's state; free text stays out of the event rows.
 */
export function appealEventTimeline(
  a: AppealStaffView,
  events: AppealEvent[],
  you: string,
  names: Record<string, string> = {},
): TimelineItem[] {
  const all = { ...(a.staffNames ?? {}), ...names };
  const at = (timestamp: string): TimelineItem['datetime'] => ({ timestamp, type: 'datetime' });
  const byline = (e: AppealEvent): TimelineItem['byline'] => {
    if (e.actorRole === 'APPELLANT') return { text: 'the appellant' };
    if (e.actorRole === 'SYSTEM') return { text: 'Vetting service' };
    return e.actorId ? { text: staffName(e.actorId, you, all) } : undefined;
  };
  const items: TimelineItem[] = [
    {
      label: { text: a.kind === 'COMPLAINT' ? 'Complaint made' : 'Appeal lodged' },
      text: `${appealTitle(a)} (case ${caseRef(a.caseId)}).`,
      datetime: at(a.lodgedAt),
      byline: { text: 'the appellant' },
    },
  ];
  const extensions = STATEMENT_SIDES.flatMap((side) =>
    (a.panel?.statements?.[side].extensions ?? []).map((x) => ({ side, ...x })),
  );
  for (const e of events) {
    const { label, text } = eventWords(a, e, extensions);
    const by = byline(e);
    items.push({ label: { text: label }, text, datetime: at(e.at), ...(by ? { byline: by } : {}) });
  }
  // Newest first; the events are oldest first already, so reversing keeps same-instant ones in order.
  return items.reverse();
}

function eventWords(
  a: AppealStaffView,
  e: AppealEvent,
  extensions: { side: StatementSide; at: string; dueAt: string; reason: string }[],
): { label: string; text: string } {
  switch (e.action) {
    case 'UPHOLD':
      return {
        label: 'Internal hearing: upheld',
        text: 'The decision stands. The window to go to the independent panel opened.',
      };
    case 'OVERTURN':
      return { label: 'Internal hearing: overturned', text: 'The decision is reversed.' };
    case 'SUBMIT_STATEMENT': {
      const side: StatementSide = e.actorRole === 'APPELLANT' ? 'APPELLANT' : 'DEPARTMENT';
      return {
        label: `Statement of case received: ${SIDE_WORDS[side].toLowerCase()}`,
        text: 'Received within its deadline.',
      };
    }
    case 'EXTEND_DEADLINE': {
      const x = extensions.find((ext) => Date.parse(ext.at) === Date.parse(e.at));
      return x
        ? {
            label: `Extension granted: ${SIDE_WORDS[x.side].toLowerCase()}’s statement`,
            text: `New deadline ${govukDateTime(x.dueAt)}. Reason: ${x.reason}`,
          }
        : {
            label: e.side
              ? `Extension granted: ${SIDE_WORDS[e.side].toLowerCase()}’s statement`
              : 'Extension granted',
            text: 'A statement of case deadline was moved later.',
          };
    }
    case 'STATEMENT_OVERDUE':
      // Marks recorded before the event kept its side do not say whose.
      return {
        label: e.side
          ? `Statement of case overdue: ${SIDE_WORDS[e.side].toLowerCase()}`
          : 'Statement of case overdue (side not recorded)',
        text: 'The deadline passed without it.',
      };
    case 'NAME_SECRETARY':
      return {
        label: EVENT_LABELS[e.action] ?? e.action,
        text: 'Reminders of overdue deadlines go to the panel secretary named.',
      };
    case 'RECORD_RECOMMENDATION': {
      const r = a.panel?.recommendation;
      return {
        label: r
          ? `Panel recommendation: ${RECOMMENDATION_WORDS[r].text.toLowerCase()}`
          : 'Panel recommendation recorded',
        text: a.effect ? effectWords(a.effect) : 'Recorded.',
      };
    }
    case 'ANSWER_COMPLAINT': {
      const o = a.complaint?.outcome;
      return {
        label: o ? `Complaint answered: ${COMPLAINT_OUTCOME_WORDS[o].toLowerCase()}` : 'Complaint answered',
        text: 'The response was sent to the complainant.',
      };
    }
    case 'WINDOW_CLOSED':
      return {
        label: 'Closed',
        text: 'The window to go to the independent panel passed without a registration of intent.',
      };
    case 'REGISTER_INTENT':
      return {
        label: EVENT_LABELS[e.action] ?? e.action,
        text: 'The appellant asked for the independent panel to consider the appeal.',
      };
    case 'ACKNOWLEDGE':
      return { label: EVENT_LABELS[e.action] ?? e.action, text: 'Both statements of case fell due.' };
    default:
      return {
        label: EVENT_LABELS[e.action] ?? e.action,
        text: 'The deadline passed without it.',
      };
  }
}

/** The next deadline the appeal waits on, for the queue, and whether it has passed. */
export function nextDeadline(a: AppealStaffView, now: number): { at: string; overdue: boolean } | null {
  const dates: { at: string; overdue: boolean }[] = [];
  if (a.status === 'UPHELD' && a.panelWindowEndsAt) dates.push({ at: a.panelWindowEndsAt, overdue: false });
  if (a.status === 'PANEL_REGISTERED' && a.panel)
    dates.push({ at: a.panel.acknowledgeBy, overdue: a.panel.acknowledgementOverdue });
  if (a.status === 'PANEL_ACKNOWLEDGED' && a.panel?.statements)
    for (const side of STATEMENT_SIDES) {
      const s = a.panel.statements[side];
      if (!s.submittedAt) dates.push({ at: s.dueAt, overdue: s.overdue || now > Date.parse(s.dueAt) });
    }
  if (a.status === 'COMPLAINT_OPEN' && a.complaint)
    dates.push({ at: a.complaint.respondBy, overdue: a.complaint.overdue });
  dates.sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
  return dates[0] ?? null;
}

/** The queue's sortable columns and its default order (the API's: oldest first). */
export const QUEUE_SORTS = ['case', 'kind', 'status', 'lodged', 'deadline'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export type SortOrder = 'ascending' | 'descending';

/** The queue's sorting and filters as the address gives them; anything unknown is the default. */
export interface QueueQuery {
  sort: QueueSort;
  order: SortOrder;
  kind?: AppealKind;
  status?: AppealStatus;
  /** "Named secretary" (panel secretaries): me, or none named yet; absent for anyone. Filtered by the API. */
  secretary?: SecretaryFilter;
  /** The page of the API's list (its filters are applied and paged in SQL); the sort orders that page. */
  page?: number;
}

/** The API's `GET /appeals?secretary=` values (AppealQueueQueryDto). */
export const SECRETARY_FILTERS = ['me', 'none'] as const;
export type SecretaryFilter = (typeof SECRETARY_FILTERS)[number];

export function readQueueQuery(query: Record<string, unknown>): QueueQuery {
  const sort = QUEUE_SORTS.find((s) => s === query.sort) ?? 'lodged';
  const order: SortOrder = query.order === 'descending' ? 'descending' : 'ascending';
  const kind = APPEAL_KINDS.find((k) => k === query.kind);
  const status = APPEAL_STATUSES.find((s) => s === query.status);
  const secretary = SECRETARY_FILTERS.find((s) => s === query.secretary);
  const page = typeof query.page === 'string' && /^[1-9]\d{0,3}$/.test(query.page) ? Number(query.page) : 1;
  return {
    sort,
    order,
    ...(kind ? { kind } : {}),
    ...(status ? { status } : {}),
    ...(secretary ? { secretary } : {}),
    ...(page > 1 ? { page } : {}),
  };
}

/** The filters of the address as link parameters (sort and order kept, page left out: a new filter is page 1). */
function filterParams(q: QueueQuery, without?: 'kind' | 'status' | 'secretary'): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['kind', 'status', 'secretary'] as const) {
    const value = q[key];
    if (value && key !== without) params.set(key, value);
  }
  if (q.sort !== 'lodged' || q.order !== 'ascending') {
    params.set('sort', q.sort);
    params.set('order', q.order);
  }
  return params;
}

/** The words of a "Named secretary" filter value. */
const SECRETARY_FILTER_WORDS: Record<SecretaryFilter, string> = { me: 'Me', none: 'None named' };

/**
 * The MOJ filter's selected filters: one category per filter in use, its tag a link to the same list without it;
 * undefined when none is in use (the component then shows none).
 */
export function selectedQueueFilters(q: QueueQuery): object | undefined {
  const link = (without: 'kind' | 'status' | 'secretary'): string => {
    const params = filterParams(q, without).toString();
    return params ? `/appeals?${params}` : '/appeals';
  };
  const categories = [
    ...(q.secretary
      ? [
          {
            heading: { text: 'Named secretary' },
            items: [{ href: link('secretary'), text: SECRETARY_FILTER_WORDS[q.secretary] }],
          },
        ]
      : []),
    ...(q.kind
      ? [{ heading: { text: 'Kind' }, items: [{ href: link('kind'), text: KIND_WORDS[q.kind] }] }]
      : []),
    ...(q.status
      ? [
          {
            heading: { text: 'Status' },
            items: [{ href: link('status'), text: STATUS_WORDS[q.status].text }],
          },
        ]
      : []),
  ];
  if (categories.length === 0) return undefined;
  return {
    heading: { text: 'Selected filters' },
    clearLink: { text: 'Clear filters', href: '/appeals' },
    categories,
  };
}

/** The filters and sort to keep in the pagination's links. */
export function queueLinkFilters(q: QueueQuery): Record<string, string> {
  return Object.fromEntries(filterParams(q).entries());
}

/** The "Named secretary" radios of the queue's filter form: anyone (no filter), me, or none named yet. */
export function secretaryItems(q: QueueQuery): { value: string; text: string; checked: boolean }[] {
  return [
    { value: '', text: 'Anyone', checked: !q.secretary },
    { value: 'me', text: 'Me', checked: q.secretary === 'me' },
    { value: 'none', text: 'None named', checked: q.secretary === 'none' },
  ];
}

/** The queue filtered and sorted as asked; ties keep the API's order (oldest first). */
export function sortedQueue(items: AppealStaffView[], q: QueueQuery, now: number): AppealStaffView[] {
  const key = (a: AppealStaffView): string | number => {
    switch (q.sort) {
      case 'case':
        return caseRef(a.caseId);
      case 'kind':
        return KIND_WORDS[a.kind];
      case 'status':
        return STATUS_WORDS[a.status].text;
      case 'lodged':
        return Date.parse(a.lodgedAt);
      case 'deadline': {
        // Appeals waiting on nobody's deadline go last whichever the direction.
        const d = nextDeadline(a, now);
        return d ? Date.parse(d.at) : q.order === 'ascending' ? Infinity : -Infinity;
      }
    }
  };
  const sign = q.order === 'ascending' ? 1 : -1;
  return items
    .filter((a) => (!q.kind || a.kind === q.kind) && (!q.status || a.status === q.status))
    .map((a, i) => ({ a, i, k: key(a) }))
    .sort((x, y) => (x.k < y.k ? -sign : x.k > y.k ? sign : x.i - y.i))
    .map(({ a }) => a);
}

/** A column heading of the queue: its link (the order it would sort by) and its aria-sort now. */
export function sortHeadings(
  q: QueueQuery,
): Record<QueueSort, { href: string; ariaSort: 'ascending' | 'descending' | 'none' }> {
  const filters = new URLSearchParams();
  if (q.kind) filters.set('kind', q.kind);
  if (q.status) filters.set('status', q.status);
  if (q.secretary) filters.set('secretary', q.secretary);
  // Sorting orders the page shown, so it stays on that page.
  if (q.page) filters.set('page', String(q.page));
  return Object.fromEntries(
    QUEUE_SORTS.map((sort) => {
      const current = q.sort === sort;
      const order: SortOrder = current && q.order === 'ascending' ? 'descending' : 'ascending';
      const params = new URLSearchParams(filters);
      params.set('sort', sort);
      params.set('order', order);
      return [sort, { href: `/appeals?${params.toString()}`, ariaSort: current ? q.order : 'none' }];
    }),
  ) as Record<QueueSort, { href: string; ariaSort: 'ascending' | 'descending' | 'none' }>;
}
