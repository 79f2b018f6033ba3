import type { ClockPolicy } from './clock-policy';
import { formatInstant, parseInstant } from './instant';
import type { IsoInstant } from './instant';
import { elapsedUnits, instantAfter } from './policy-time';

/** When a stage's at-risk point is worked out: `goalAt`/`deadlineAt` are as computed at entry, before any pause. */
export interface AtRiskInput {
  stageEnteredAt: IsoInstant;
  goalAt: IsoInstant;
  deadlineAt: IsoInstant;
  policy: ClockPolicy;
}

// AT_RISK begins at the goal, or at the point where atRiskFraction of the span from entry to the deadline has
// been used (measured in the policy's unit, so weekends and holidays are not "used"), whichever is first. The goal
// counts because its reminder has already fired by then; the fraction catches stages whose goal sits close to the
// deadline. The read-model's SLA rule (libs/persistence/src/read-model/sla-rule.ts) reads the instant stored here.
/** The instant, before pauses, at which a stage becomes AT_RISK: its goal or atRiskFraction of its span. */
export function atRiskAt(input: AtRiskInput): IsoInstant {
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

function segmentMs({ from, to }: ClockSegment): number {
  const length = parseInstant(to, 'to') - parseInstant(from, 'from');
  if (length < 0) throw new RangeError(`segment ends (${to}) before it starts (${from})`);
  return length;
}
