import type { NotificationRole } from '../notifications';
import type { Role } from '../roles';
import type { AppealState, StatementSide } from './appeal-rules';
import { STATEMENT_SIDES } from './appeal-rules';

/**
 * Lead-time reminders: a discreet notice some time before an appeal's deadline, to whoever has to act by it, so
 * a deadline is met rather than only chased once missed (the overdue marks of nextAppealDeadline do that).
 */

/** The deadlines of an appeal or complaint that someone has to meet. */
export type AppealDeadlineKind = 'PANEL_WINDOW' | 'ACKNOWLEDGEMENT' | 'STATEMENT' | 'COMPLAINT_RESPONSE';

/** A deadline still open: nobody has done what it asks and the clock has not marked it missed. */
export interface OpenAppealDeadline {
  deadline: AppealDeadlineKind;
  /** Whose statement of case; null for the other deadlines. */
  side: StatementSide | null;
  /** When it started to run (ms): the internal outcome, the registration, the acknowledgement, an extension. */
  openedAt: number;
  dueAt: number;
}

/**
 * Who a reminder goes to: one person by opaque id, or everyone the staff directory has in a role when it is
 * sent but those left out (the appeal's parties, and for a hearing anyone with a part in the case).
 */
export type AppealReminderRecipient =
  | { kind: 'PERSON'; id: string; role: NotificationRole }
  | { kind: 'GROUP'; staffRole: Role; role: NotificationRole; exclude: string[] };

export interface AppealLeadReminder extends OpenAppealDeadline {
  /** The same for one deadline and due time: an extension (a new due time) makes a new reminder. */
  key: string;
  remindAt: number;
  to: AppealReminderRecipient;
}

/** The deadlines open on an appeal now, earliest first. */
export function openAppealDeadlines(state: AppealState): OpenAppealDeadline[] {
  const open: OpenAppealDeadline[] = [];
  if (state.status === 'UPHELD' && state.panelWindowEndsAt && state.internal)
    open.push({
      deadline: 'PANEL_WINDOW',
      side: null,
      openedAt: Date.parse(state.internal.at),
      dueAt: Date.parse(state.panelWindowEndsAt),
    });
  const panel = state.panel;
  if (state.status === 'PANEL_REGISTERED' && panel && !panel.acknowledgedAt && !panel.acknowledgementOverdue)
    open.push({
      deadline: 'ACKNOWLEDGEMENT',
      side: null,
      openedAt: Date.parse(panel.registeredAt),
      dueAt: Date.parse(panel.acknowledgeBy),
    });
  if (state.status === 'PANEL_ACKNOWLEDGED' && panel?.statements) {
    for (const side of STATEMENT_SIDES) {
      const s = panel.statements[side];
      if (s.submittedAt || s.overdue) continue;
      // An extension runs from when it was granted: the reminder moves with the deadline.
      const extended = s.extensions[s.extensions.length - 1];
      open.push({
        deadline: 'STATEMENT',
        side,
        openedAt: Date.parse(extended?.at ?? panel.acknowledgedAt ?? panel.registeredAt),
        dueAt: Date.parse(s.dueAt),
      });
    }
  }
  const complaint = state.complaint;
  if (state.status === 'COMPLAINT_OPEN' && complaint && !complaint.overdue)
    open.push({
      deadline: 'COMPLAINT_RESPONSE',
      side: null,
      openedAt: Date.parse(state.lodgedAt),
      dueAt: Date.parse(complaint.respondBy),
    });
  return open.sort((a, b) => a.dueAt - b.dueAt);
}

/**
 * Who has to act by a deadline: the appellant registers intent and writes their statement; the named panel
 * secretary (or, nobody named, the panel secretaries) acknowledges; the senior adjudicators put the department's
 * statement; a complaint is answered by an independent senior adjudicator (never the appellant, the sponsor or
 * anyone with a part in the case).
 */
export function appealReminderRecipient(
  state: AppealState,
  deadline: OpenAppealDeadline,
): AppealReminderRecipient {
  const parties = [state.appellantId, ...(state.sponsorId ? [state.sponsorId] : [])];
  const independent = [...parties, ...state.priorInvolvement];
  switch (deadline.deadline) {
    case 'PANEL_WINDOW':
      return { kind: 'PERSON', id: state.appellantId, role: 'APPLICANT' };
    case 'ACKNOWLEDGEMENT': {
      const named = state.panel?.secretaryId;
      return named
        ? { kind: 'PERSON', id: named, role: 'PANEL_SECRETARY' }
        : { kind: 'GROUP', staffRole: 'PANEL_SECRETARY', role: 'PANEL_SECRETARY', exclude: independent };
    }
    case 'STATEMENT':
      // The department's case is put by those who stand behind the decision: only the parties are left out.
      return deadline.side === 'APPELLANT'
        ? { kind: 'PERSON', id: state.appellantId, role: 'APPLICANT' }
        : { kind: 'GROUP', staffRole: 'SENIOR_ADJUDICATOR', role: 'DEPARTMENT', exclude: parties };
    case 'COMPLAINT_RESPONSE':
      return { kind: 'GROUP', staffRole: 'SENIOR_ADJUDICATOR', role: 'APPEAL_OFFICER', exclude: independent };
  }
}

/**
 * The lead-time reminders of an appeal's open deadlines, `leadMs` before each, earliest first. A deadline that
 * opens already within the lead time (it runs for `leadMs` or less) gets none: there is nothing to remind ahead
 * of, and the overdue mark still chases it. Whether each was sent is the workflow's to keep.
 */
export function appealLeadReminders(state: AppealState, leadMs: number): AppealLeadReminder[] {
  if (!(leadMs > 0)) return [];
  return openAppealDeadlines(state)
    .filter((d) => d.dueAt - d.openedAt > leadMs)
    .map((d) => ({
      ...d,
      key: `${d.deadline}${d.side ? `-${d.side}` : ''}-${d.dueAt}`,
      remindAt: d.dueAt - leadMs,
      to: appealReminderRecipient(state, d),
    }))
    .sort((a, b) => a.remindAt - b.remindAt);
}

/**
 * The lead reminders to act on at `now` (ms) among those not yet `sent` (by key): `send` are due and their
 * deadline still ahead; `skip` are due but their deadline has passed already (the worker was away), so they are
 * marked as done without a notice. `nextAt` is when the next one falls due, or null.
 */
export function leadRemindersAt(
  state: AppealState,
  leadMs: number,
  sent: ReadonlySet<string>,
  now: number,
): { send: AppealLeadReminder[]; skip: AppealLeadReminder[]; nextAt: number | null } {
  const pending = appealLeadReminders(state, leadMs).filter((r) => !sent.has(r.key));
  const due = pending.filter((r) => r.remindAt <= now);
  const later = pending.filter((r) => r.remindAt > now);
  return {
    send: due.filter((r) => now < r.dueAt),
    skip: due.filter((r) => now >= r.dueAt),
    nextAt: later[0]?.remindAt ?? null,
  };
}
