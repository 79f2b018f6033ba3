import type { ClockPolicy } from './clock-policy';
import { formatInstant, parseInstant } from './instant';
import type { IsoInstant } from './instant';
import { elapsedUnits, instantAfter } from './policy-time';

/** How a stage stands against its clock. */
export type SlaState = 'ON_TRACK' | 'AT_RISK' | 'BREACHED';

/** What slaState needs; `goalAt`/`deadlineAt` are as computed at entry, before any pause. */
export interface SlaInput {
  now: IsoInstant;
  stageEnteredAt: IsoInstant;
  goalAt: IsoInstant;
  deadlineAt: IsoInstant;
  /** Wall-clock time spent waiting on the applicant or a third party since the stage was entered. */
  pausedMs: number;
  policy: ClockPolicy;
}

// The rule:
// - Waiting time pauses the vetting-owned clock, so `now` is first wound back by `pausedMs`. Equivalently each
//   instant is pushed back by the pause. That is exact for MILLISECONDS policies; for working days it counts a
//   pause's weekend hours as paused too, which can only err in the case's favour by the weekend it spanned. A
//   caller that has already moved goalAt/deadlineAt for pauses passes pausedMs 0.
// - BREACHED once that vetting time is past deadlineAt; a stage finished at the deadline instant met it.
// - AT_RISK from atRiskAt: the goal, or the point where atRiskFraction of the span from entry to the deadline
//   has been used (measured in the policy's unit, so weekends and holidays are not "used"), whichever is first.
//   The goal counts because its reminder has already fired by then; the fraction catches stages whose goal
//   sits close to the deadline.
// - ON_TRACK before that.
/** Whether a stage is ON_TRACK, AT_RISK or BREACHED at `now`, by the rule above. */
export function slaState(input: SlaInput): SlaState {
  const { now, stageEnteredAt, deadlineAt, pausedMs } = input;
  const nowMs = parseInstant(now, 'now');
  const enteredMs = parseInstant(stageEnteredAt, 'stageEnteredAt');
  if (!Number.isFinite(pausedMs) || pausedMs < 0) {
    throw new RangeError(`pausedMs must be a finite number >= 0, got ${pausedMs}`);
  }
  if (pausedMs > Math.max(0, nowMs - enteredMs)) {
    throw new RangeError(`pausedMs (${pausedMs}) exceeds the time since the stage was entered`);
  }
  // atRiskAt also checks that entry, goal and deadline are in order, so it is worked out even for a breach.
  const riskMs = parseInstant(atRiskAt(input), 'atRiskAt');
  const vettingNow = nowMs - pausedMs;
  if (vettingNow > parseInstant(deadlineAt, 'deadlineAt')) return 'BREACHED';
  return vettingNow >= riskMs ? 'AT_RISK' : 'ON_TRACK';
}

/** The instant, before pauses, at which a stage becomes AT_RISK: its goal or atRiskFraction of its span. */
export function atRiskAt(input: Omit<SlaInput, 'now' | 'pausedMs'>): IsoInstant {
  const { stageEnteredAt, goalAt, deadlineAt, policy } = input;
  const enteredMs = parseInstant(stageEnteredAt, 'stageEnteredAt');
  const goalMs = parseInstant(goalAt, 'goalAt');
  const deadlineMs = parseInstant(deadlineAt, 'deadlineAt');
  if (deadlineMs < enteredMs) throw new RangeError(`deadlineAt ${deadlineAt} is before stageEnteredAt`);
  if (goalMs > deadlineMs) throw new RangeError(`goalAt ${goalAt} is after deadlineAt ${deadlineAt}`);
  const span = elapsedUnits(policy, stageEnteredAt, deadlineAt);
  const fractionMs = parseInstant(instantAfter(policy, stageEnteredAt, policy.atRiskFraction * span));
  return formatInstant(Math.min(goalMs, fractionMs));
}

/** A stretch of a case's life, either waiting on someone outside vetting or with vetting. */
export interface ClockSegment {
  from: IsoInstant;
  to: IsoInstant;
  waiting: boolean;
}

/** Time a case has spent with vetting and waiting on the applicant or third parties; reported side by side. */
export interface ClockTotals {
  vettingMs: number;
  waitingMs: number;
}

/** Totals with nothing counted yet. */
export const EMPTY_CLOCK_TOTALS: ClockTotals = Object.freeze({ vettingMs: 0, waitingMs: 0 });

/** Totals with one more segment counted; for workflows that close one segment at a time. */
export function addClockSegment(totals: ClockTotals, segment: ClockSegment): ClockTotals {
  const length = segmentMs(segment);
  return segment.waiting
    ? { vettingMs: totals.vettingMs, waitingMs: totals.waitingMs + length }
    : { vettingMs: totals.vettingMs + length, waitingMs: totals.waitingMs };
}

/** Totals of a case's segments (any order, gaps uncounted); throws RangeError if two overlap. */
export function clockTotals(segments: readonly ClockSegment[]): ClockTotals {
  const timed = segments
    .map((segment) => ({
      segment,
      from: parseInstant(segment.from, 'from'),
      to: parseInstant(segment.to, 'to'),
    }))
    .sort((a, b) => a.from - b.from);
  // Overlaps would count the same time twice, or as both vetting and waiting; that is a bug upstream.
  for (let i = 1; i < timed.length; i += 1) {
    if (timed[i].from < timed[i - 1].to) {
      throw new RangeError(
        `segments overlap: ${timed[i - 1].segment.from}..${timed[i - 1].segment.to} and ` +
          `${timed[i].segment.from}..${timed[i].segment.to}`,
      );
    }
  }
  return timed.reduce((totals, { segment }) => addClockSegment(totals, segment), EMPTY_CLOCK_TOTALS);
}

function segmentMs({ from, to }: ClockSegment): number {
  const length = parseInstant(to, 'to') - parseInstant(from, 'from');
  if (length < 0) throw new RangeError(`segment ends (${to}) before it starts (${from})`);
  return length;
}
