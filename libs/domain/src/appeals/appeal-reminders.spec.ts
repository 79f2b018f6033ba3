import type { AppealCommand, AppealState, AppealTiming } from './appeal-rules';
import { applyAppealCommand, checkAppealCommand, lodgedAppeal } from './appeal-rules';
import { appealLeadReminders, leadRemindersAt, openAppealDeadlines } from './appeal-reminders';

const H = 60 * 60 * 1000;
const DAY = 24 * H;
const timing: AppealTiming = {
  panelWindowMs: 28 * DAY,
  acknowledgeWithinMs: 7 * DAY,
  statementWithinMs: 28 * DAY,
  complaintResponseMs: 20 * DAY,
  reminderLeadMs: 3 * DAY,
};
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();

const officer = { subject: 'officer-1', as: 'APPEAL_OFFICER' as const };
const secretary = { subject: 'secretary-1', as: 'PANEL_SECRETARY' as const };
const appellant = { subject: 'appellant-1', as: 'APPELLANT' as const };

function lodged(kind: 'APPEAL' | 'COMPLAINT' = 'APPEAL', t = timing): AppealState {
  return lodgedAppeal(
    {
      appealId: 'a-1',
      kind,
      ground: kind === 'APPEAL' ? 'WITHDRAWAL' : 'REFUSAL',
      appellantId: appellant.subject,
      sponsorId: 'sponsor-1',
      caseId: 'c-1',
      clearanceId: null,
      priorInvolvement: ['involved-1'],
      grounds: 'g',
    },
    t,
    iso(T0),
  );
}

function act(state: AppealState, command: AppealCommand, at: number, t = timing): AppealState {
  const verdict = checkAppealCommand(state, command, at);
  if (!verdict.ok) throw new Error(verdict.rejection.message);
  return applyAppealCommand(state, command, verdict.to, t, iso(at));
}

const uphold: AppealCommand = {
  type: 'UPHOLD',
  actor: officer,
  reviewOfDecision: 'd',
  reviewOfProcess: 'p',
  reviewOfDisclosure: 'x',
  reasons: 'r',
};

describe('lead-time reminders of an appeal', () => {
  it('reminds the appellant of the panel window the lead time before it closes', () => {
    const upheld = act(lodged(), uphold, T0 + H);
    const [reminder, ...rest] = appealLeadReminders(upheld, 3 * DAY);
    expect(rest).toEqual([]);
    expect(reminder).toMatchObject({
      deadline: 'PANEL_WINDOW',
      dueAt: T0 + H + 28 * DAY,
      remindAt: T0 + H + 25 * DAY,
      to: { kind: 'PERSON', id: appellant.subject, role: 'APPLICANT' },
    });
  });

  it('reminds nobody of a deadline already within the lead time when it opens', () => {
    // The acknowledgement runs 7 days: a lead of 7 days or more leaves nothing to remind ahead of.
    const registered = act(act(lodged(), uphold, T0), { type: 'REGISTER_INTENT', actor: appellant }, T0 + H);
    expect(appealLeadReminders(registered, 7 * DAY)).toEqual([]);
    expect(appealLeadReminders(registered, 7 * DAY - 1)).toHaveLength(1);
    expect(appealLeadReminders(registered, 0)).toEqual([]);
  });

  it('reminds the panel secretaries as a group, independent ones only, until one is named', () => {
    const registered = act(act(lodged(), uphold, T0), { type: 'REGISTER_INTENT', actor: appellant }, T0 + H);
    expect(appealLeadReminders(registered, 3 * DAY)[0]?.to).toEqual({
      kind: 'GROUP',
      staffRole: 'PANEL_SECRETARY',
      role: 'PANEL_SECRETARY',
      exclude: [appellant.subject, 'sponsor-1', 'involved-1'],
    });
    const named = act(
      registered,
      { type: 'NAME_SECRETARY', actor: secretary, secretaryId: 'secretary-2' },
      T0 + 2 * H,
    );
    const [reminder] = appealLeadReminders(named, 3 * DAY);
    expect(reminder?.to).toEqual({ kind: 'PERSON', id: 'secretary-2', role: 'PANEL_SECRETARY' });
    // Naming someone does not make the deadline a new one: a reminder already sent is not sent again.
    expect(reminder?.key).toBe(appealLeadReminders(registered, 3 * DAY)[0]?.key);
  });

  it("reminds each side of its statement of case, and an extension moves that side's reminder", () => {
    const registered = act(act(lodged(), uphold, T0), { type: 'REGISTER_INTENT', actor: appellant }, T0 + H);
    const acked = act(registered, { type: 'ACKNOWLEDGE', actor: secretary }, T0 + DAY);
    const reminders = appealLeadReminders(acked, 3 * DAY);
    expect(reminders.map((r) => [r.side, r.remindAt, r.to.role])).toEqual([
      ['APPELLANT', T0 + 26 * DAY, 'APPLICANT'],
      ['DEPARTMENT', T0 + 26 * DAY, 'DEPARTMENT'],
    ]);
    expect(reminders[1]?.to).toEqual({
      kind: 'GROUP',
      staffRole: 'SENIOR_ADJUDICATOR',
      role: 'DEPARTMENT',
      exclude: [appellant.subject, 'sponsor-1'],
    });
    const extended = act(
      acked,
      {
        type: 'EXTEND_DEADLINE',
        actor: secretary,
        side: 'APPELLANT',
        dueAt: iso(T0 + 40 * DAY),
        reason: 'papers',
      },
      T0 + 27 * DAY,
    );
    const moved = appealLeadReminders(extended, 3 * DAY).find((r) => r.side === 'APPELLANT');
    expect(moved?.remindAt).toBe(T0 + 37 * DAY);
    expect(moved?.key).not.toBe(reminders[0]?.key);
    // An extension granted within the lead time of its new deadline leaves nothing to remind ahead of.
    const late = act(
      acked,
      {
        type: 'EXTEND_DEADLINE',
        actor: secretary,
        side: 'APPELLANT',
        dueAt: iso(T0 + 30 * DAY),
        reason: 'papers',
      },
      T0 + 28 * DAY,
    );
    expect(appealLeadReminders(late, 3 * DAY).map((r) => r.side)).toEqual(['DEPARTMENT']);
  });

  it('reminds nobody once the step is done or the deadline is marked missed', () => {
    const registered = act(act(lodged(), uphold, T0), { type: 'REGISTER_INTENT', actor: appellant }, T0 + H);
    const acked = act(registered, { type: 'ACKNOWLEDGE', actor: secretary }, T0 + DAY);
    const submitted = act(
      acked,
      { type: 'SUBMIT_STATEMENT', actor: appellant, statement: 's' },
      T0 + 2 * DAY,
    );
    expect(appealLeadReminders(submitted, 3 * DAY).map((r) => r.side)).toEqual(['DEPARTMENT']);
    const overdue = act(
      registered,
      { type: 'ACKNOWLEDGEMENT_OVERDUE', actor: { subject: 'system', as: 'SYSTEM' } },
      T0 + 8 * DAY,
    );
    expect(openAppealDeadlines(overdue)).toEqual([]);
  });

  it("reminds the independent senior adjudicators of a complaint's response target", () => {
    const [reminder] = appealLeadReminders(lodged('COMPLAINT'), 3 * DAY);
    expect(reminder).toMatchObject({
      deadline: 'COMPLAINT_RESPONSE',
      remindAt: T0 + 17 * DAY,
      to: {
        kind: 'GROUP',
        staffRole: 'SENIOR_ADJUDICATOR',
        role: 'APPEAL_OFFICER',
        exclude: [appellant.subject, 'sponsor-1', 'involved-1'],
      },
    });
  });

  it('sends what is due and not sent, skips what is past its deadline, and says when the next falls due', () => {
    const complaint = lodged('COMPLAINT');
    const [reminder] = appealLeadReminders(complaint, 3 * DAY);
    const key = reminder?.key ?? '';
    expect(leadRemindersAt(complaint, 3 * DAY, new Set(), T0)).toEqual({
      send: [],
      skip: [],
      nextAt: T0 + 17 * DAY,
    });
    expect(leadRemindersAt(complaint, 3 * DAY, new Set(), T0 + 18 * DAY).send.map((r) => r.key)).toEqual([
      key,
    ]);
    expect(leadRemindersAt(complaint, 3 * DAY, new Set([key]), T0 + 18 * DAY)).toEqual({
      send: [],
      skip: [],
      nextAt: null,
    });
    // The worker was away past the deadline itself: no reminder of what is already missed.
    const away = leadRemindersAt(complaint, 3 * DAY, new Set(), T0 + 21 * DAY);
    expect([away.send, away.skip.map((r) => r.key)]).toEqual([[], [key]]);
  });
});
