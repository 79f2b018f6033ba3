// The stage clock's schedule, as pure functions of the case state: which reminder is due next, and the due
// times of a stage. The workflow sleeps until the next one, fires it once, and asks again.
import type { ClockPolicy } from '../libs/domain/src/clock';
import {
  addClockSegment,
  atRiskAt,
  baselineChasers,
  instantAfter,
  stageDeadlines,
} from '../libs/domain/src/clock';
import type { Stage } from '../libs/domain/src';
import { isClosedStage } from '../libs/domain/src/stage-model';
import type { CaseClock, CaseSnapshot } from '../libs/contracts/src';

/** Kinds of thing the clock does; each goes out once per key. */
export type ClockEventKind =
  | 'GOAL_REMINDER'
  | 'DEADLINE_ESCALATION'
  | 'REPEAT_ESCALATION'
  | 'QUESTIONNAIRE_CHASER'
  | 'QUESTIONNAIRE_LAPSE'
  | 'BASELINE_CHASER'
  | 'BASELINE_LAPSE'
  | 'REFEREE_CHASER'
  | 'REFEREE_DECISION';

/** One due reminder, escalation, chaser or lapse. `key` is unique per case and is the notification dedupe key. */
export interface ClockEvent {
  key: string;
  at: string;
  kind: ClockEventKind;
  stage: Stage;
  taskId?: string;
}

/** A fresh clock for a case that starts now under `policy`. */
export function newClock(policy: ClockPolicy, at: string): CaseClock {
  return {
    policyVersion: policy.version,
    stageGoalAt: null,
    stageAtRiskAt: null,
    stageDeadlineAt: null,
    pausedSince: null,
    pauseReason: null,
    vettingMs: 0,
    waitingMs: 0,
    segmentStartedAt: at,
    waitingSegments: [],
    sent: [],
    targetMet: null,
  };
}

/** Sets the due times of a stage just entered (or clears them for a stage without a clock, or a closed one). */
export function armStage(clock: CaseClock, policy: ClockPolicy, stage: Stage, enteredAt: string): void {
  const due = isClosedStage(stage) ? null : stageDeadlines(policy, stage, enteredAt);
  clock.stageGoalAt = due?.goalAt ?? null;
  clock.stageDeadlineAt = due?.deadlineAt ?? null;
  clock.stageAtRiskAt = due
    ? atRiskAt({ stageEnteredAt: enteredAt, goalAt: due.goalAt, deadlineAt: due.deadlineAt, policy })
    : null;
}

/** Is the case waiting on someone outside vetting right now (the vetting-owned clock does not count it)? */
export function isWaitingOnOthers(state: CaseSnapshot): boolean {
  if (state.clock?.pausedSince) return true;
  // Held for the sponsor's confirmation: not vetting's time.
  if (state.stage === 'AWAITING_SPONSOR') return true;
  if (state.stage === 'QUESTIONNAIRE' && state.questionnaire.status !== 'SUBMITTED') return true;
  if (state.stage === 'BASELINE_CHECKS' && state.baseline?.status !== 'SUBMITTED') return true;
  return state.stage === 'RECORD_CHECKS' && state.checks.some((c) => c.status === 'PENDING');
}

/** Adds the time since the last accrual to the vetting or the waiting total. Call before changing the state. */
export function accrue(state: CaseSnapshot, now: string): void {
  const clock = state.clock;
  if (!clock || now <= clock.segmentStartedAt) return;
  const segment = { from: clock.segmentStartedAt, to: now, waiting: isWaitingOnOthers(state) };
  Object.assign(clock, addClockSegment(clock, segment));
  if (segment.waiting && state.dvClockStartedAt) clock.waitingSegments.push({ from: segment.from, to: now });
  clock.segmentStartedAt = now;
}

/** Every event the current state can still produce, due or not. */
function candidates(state: CaseSnapshot, policy: ClockPolicy): ClockEvent[] {
  const clock = state.clock;
  if (!clock || clock.pausedSince || isClosedStage(state.stage)) return [];
  const events: ClockEvent[] = [];
  const visit = `${state.stage}@${state.stageEnteredAt}`;
  const stageClock = policy.stages[state.stage];
  if (clock.stageGoalAt)
    events.push({ key: `${visit}:goal`, at: clock.stageGoalAt, kind: 'GOAL_REMINDER', stage: state.stage });
  if (clock.stageDeadlineAt && stageClock) {
    // Keyed by the deadline itself, so extending it re-arms the escalations for the new deadline.
    const deadline = `${visit}:deadline@${clock.stageDeadlineAt}`;
    events.push({
      key: deadline,
      at: clock.stageDeadlineAt,
      kind: 'DEADLINE_ESCALATION',
      stage: state.stage,
    });
    // Only the next repeat matters: once it is sent the following one becomes the candidate.
    let repeat = 1;
    while (clock.sent.includes(`${deadline}:repeat-${repeat}`)) repeat += 1;
    events.push({
      key: `${deadline}:repeat-${repeat}`,
      at: instantAfter(policy, clock.stageDeadlineAt, repeat * stageClock.repeatEvery),
      kind: 'REPEAT_ESCALATION',
      stage: state.stage,
    });
  }
  if (state.stage === 'QUESTIONNAIRE' && state.questionnaire.status !== 'SUBMITTED') {
    const since =
      state.questionnaire.status === 'RETURNED' && state.questionnaire.returnedAt
        ? state.questionnaire.returnedAt
        : state.stageEnteredAt;
    const chasers = policy.applicantChasers.questionnaire;
    chasers.chaseAt.forEach((after, i) =>
      events.push({
        key: `questionnaire@${since}:chase-${i + 1}`,
        at: instantAfter(policy, since, after),
        kind: 'QUESTIONNAIRE_CHASER',
        stage: state.stage,
      }),
    );
    events.push({
      key: `questionnaire@${since}:lapse`,
      at: instantAfter(policy, since, chasers.lapseAt),
      kind: 'QUESTIONNAIRE_LAPSE',
      stage: state.stage,
    });
  }
  if (state.stage === 'BASELINE_CHECKS' && state.baseline && state.baseline.status !== 'SUBMITTED') {
    // Chased from entry, or from the officer's latest request for more information.
    const since = state.baseline.requestedAt ?? state.stageEnteredAt;
    const chasers = baselineChasers(policy);
    chasers.chaseAt.forEach((after, i) =>
      events.push({
        key: `baseline@${since}:chase-${i + 1}`,
        at: instantAfter(policy, since, after),
        kind: 'BASELINE_CHASER',
        stage: state.stage,
      }),
    );
    events.push({
      key: `baseline@${since}:lapse`,
      at: instantAfter(policy, since, chasers.lapseAt),
      kind: 'BASELINE_LAPSE',
      stage: state.stage,
    });
  }
  if (state.stage === 'INVESTIGATION') {
    for (const task of state.tasks.filter((t) => t.kind === 'REFEREE' && t.status === 'OPEN')) {
      policy.refereeChasers.chaseAt.forEach((after, i) =>
        events.push({
          key: `referee:${task.id}:chase-${i + 1}`,
          at: instantAfter(policy, task.openedAt, after),
          kind: 'REFEREE_CHASER',
          stage: state.stage,
          taskId: task.id,
        }),
      );
      events.push({
        key: `referee:${task.id}:decide`,
        at: instantAfter(policy, task.openedAt, policy.refereeChasers.decideAt),
        kind: 'REFEREE_DECISION',
        stage: state.stage,
        taskId: task.id,
      });
    }
  }
  return events;
}

/**
 * The earliest event not yet sent, or null. Events already overdue come back first, so after a worker outage
 * every missed reminder still goes out (once), in due order.
 */
export function nextClockEvent(state: CaseSnapshot, policy: ClockPolicy): ClockEvent | null {
  const sent = new Set(state.clock?.sent ?? []);
  const pending = candidates(state, policy).filter((e) => !sent.has(e.key));
  pending.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.key.localeCompare(b.key));
  return pending[0] ?? null;
}

/** Moves the stage's due times later by `ms` (used when a paused clock resumes). */
export function shiftDueTimes(clock: CaseClock, ms: number): void {
  const shift = (iso: string | null): string | null =>
    iso ? new Date(Date.parse(iso) + ms).toISOString() : null;
  clock.stageGoalAt = shift(clock.stageGoalAt);
  clock.stageAtRiskAt = shift(clock.stageAtRiskAt);
  clock.stageDeadlineAt = shift(clock.stageDeadlineAt);
}
