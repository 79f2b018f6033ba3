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
>;

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

/** A member of staff by id: their name where the web service knows it (the local users), else the id. */
export function staffName(subject: string, you: string): string {
  if (subject === you) return 'you';
  if (subject === 'system') return 'Vetting service';
  return findLocalUser(subject)?.name ?? subject;
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
  extension: StatementSide[];
  recommendation: boolean;
}

export function staffActions(a: AppealStaffView, roles: readonly string[], now: number): StaffActions {
  const adjudicator = roles.includes('SENIOR_ADJUDICATOR');
  const secretary = roles.includes('PANEL_SECRETARY');
  const can = (action: Parameters<typeof appealTransition>[1]) => !!appealTransition(a.status, action);
  const statements = a.panel?.statements ?? null;
  return {
    hearing: adjudicator && can('UPHOLD'),
    complaintResponse: adjudicator && can('ANSWER_COMPLAINT'),
    statement: adjudicator && can('SUBMIT_STATEMENT') && awaited(a, 'DEPARTMENT', now),
    acknowledge: secretary && can('ACKNOWLEDGE'),
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

/**
 * What has happened to the appeal, newest first, from the dates its state keeps. The recommendation and a
 * complaint's answer carry no date of their own: they are the last thing to happen, so the appeal's last update
 * dates them.
 */
export function appealTimeline(a: AppealStaffView, you: string): TimelineItem[] {
  const items: TimelineItem[] = [];
  const at = (timestamp: string): TimelineItem['datetime'] => ({ timestamp, type: 'datetime' });
  const by = (subject: string) => ({ text: staffName(subject, you) });
  items.push({
    label: { text: a.kind === 'COMPLAINT' ? 'Complaint made' : 'Appeal lodged' },
    text: `${appealTitle(a)} (case ${caseRef(a.caseId)}).`,
    datetime: at(a.lodgedAt),
    byline: { text: 'the appellant' },
  });
  if (a.internal) {
    items.push({
      label: {
        text: a.internal.outcome === 'UPHELD' ? 'Internal hearing: upheld' : 'Internal hearing: overturned',
      },
      text:
        a.internal.outcome === 'UPHELD'
          ? 'The decision stands. The window to go to the independent panel opened.'
          : 'The decision is reversed.',
      datetime: at(a.internal.at),
      byline: by(a.internal.by),
    });
  }
  const panel = a.panel;
  if (panel) {
    items.push({
      label: { text: 'Intent to go to the panel registered' },
      text: 'The appellant asked for the independent panel to consider the appeal.',
      datetime: at(panel.registeredAt),
      byline: { text: 'the appellant' },
    });
    if (panel.acknowledgedAt) {
      items.push({
        label: { text: 'Registration acknowledged' },
        text: 'Both statements of case fell due.',
        datetime: at(panel.acknowledgedAt),
      });
    }
    for (const side of STATEMENT_SIDES) {
      const s = panel.statements?.[side];
      if (!s) continue;
      for (const e of s.extensions) {
        items.push({
          label: { text: `Extension granted: ${SIDE_WORDS[side].toLowerCase()}’s statement` },
          text: `New deadline ${govukDateTime(e.dueAt)}. Reason: ${e.reason}`,
          datetime: at(e.at),
          byline: by(e.by),
        });
      }
      if (s.submittedAt) {
        items.push({
          label: { text: `Statement of case received: ${SIDE_WORDS[side].toLowerCase()}` },
          text: 'Received within its deadline.',
          datetime: at(s.submittedAt),
        });
      }
    }
    if (panel.recommendation) {
      items.push({
        label: {
          text: `Panel recommendation: ${RECOMMENDATION_WORDS[panel.recommendation].text.toLowerCase()}`,
        },
        text: a.effect ? effectWords(a.effect) : 'Recorded.',
        datetime: at(a.updatedAt),
        ...(panel.recordedBy ? { byline: by(panel.recordedBy) } : {}),
      });
    }
  }
  if (a.status === 'CLOSED') {
    items.push({
      label: { text: 'Closed' },
      text: 'The window to go to the independent panel passed without a registration of intent.',
      datetime: at(a.updatedAt),
    });
  }
  if (a.complaint?.outcome) {
    items.push({
      label: { text: `Complaint answered: ${COMPLAINT_OUTCOME_WORDS[a.complaint.outcome].toLowerCase()}` },
      text: 'The response was sent to the complainant.',
      datetime: at(a.updatedAt),
      ...(a.complaint.answeredBy ? { byline: by(a.complaint.answeredBy) } : {}),
    });
  }
  // Newest first; a stable sort keeps same-instant events in the order they happened.
  return items
    .map((item, i) => ({ item, i }))
    .sort(
      (x, y) => Date.parse(y.item.datetime.timestamp) - Date.parse(x.item.datetime.timestamp) || y.i - x.i,
    )
    .map(({ item }) => item);
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
export function appealSummary(a: AppealStaffView, now: number): SummaryItem[] {
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
}

export function readQueueQuery(query: Record<string, unknown>): QueueQuery {
  const sort = QUEUE_SORTS.find((s) => s === query.sort) ?? 'lodged';
  const order: SortOrder = query.order === 'descending' ? 'descending' : 'ascending';
  const kind = APPEAL_KINDS.find((k) => k === query.kind);
  const status = APPEAL_STATUSES.find((s) => s === query.status);
  return { sort, order, ...(kind ? { kind } : {}), ...(status ? { status } : {}) };
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
