// decide(state, command): the one pure function every change to a case goes through, for people's commands and
// the workflow's own moves alike. It validates against the transition table and the rules, then applies the
// change to a copy of the state. The update validators call it to refuse early; the handlers call it again
// (another update may have moved the case in between) and keep the state it returns.
import type { Accepted, CaseCommand, Rejection, Stage, SystemCommand } from '../libs/domain/src';
import {
  evaluateCommand,
  evaluateSystemCommand,
  investigatorsAfter,
  isSystemCommand,
  SYSTEM_ACTOR,
} from '../libs/domain/src';
import type { EligibilityResult } from '../libs/domain/src/eligibility';
import type { ClockPolicy } from '../libs/domain/src/clock';
import { elapsedUnits } from '../libs/domain/src/clock';
import type { CaseSnapshot, DvPolicy } from '../libs/contracts/src';
import { caseFactsOf } from '../libs/contracts/src';
import type { ChangeContext } from './case-state';
import { applyCommand, applySystemCommand, openInvestigationTasks, startChecks } from './case-state';
import { accrue } from './stage-clock';

/** A referee named in the submitted questionnaire. */
export interface Referee {
  name: string;
  relationship?: string;
}

/** What a decision needs beyond the state: the time, the case's policies, and what the questionnaire named. */
export interface DecideContext extends ChangeContext {
  /** The DV policy; present only for cases under the v2 rules. */
  dv?: DvPolicy;
  /** Referees from the latest submitted questionnaire; investigation opens one enquiry per referee. */
  referees?: readonly Referee[];
}

/** Either the command is refused (nothing changed), or it is accepted with the state it leads to. */
export type Decision =
  { ok: true; accepted: Accepted; state: CaseSnapshot } | { ok: false; rejection: Rejection };

/** Any command a case handles: a person's (an Update) or the workflow's own move. */
export type AnyCaseCommand = CaseCommand | SystemCommand;

/**
 * What entering a stage does to the state (DV cases only), keyed by the stage entered. The workflow's own
 * table (vetting-case.workflow.ts) adds what entering a stage starts outside the state: child workflows, notices.
 */
const ON_ENTERING: Partial<Record<Stage, (state: CaseSnapshot, ctx: DecideContext, dv: DvPolicy) => void>> = {
  // Every configured check is requested at once.
  RECORD_CHECKS: (state, _ctx, dv) => startChecks(state, dv.checks),
  // The standing tasks open the first time only; a case sent back by the adjudicator keeps its tasks.
  INVESTIGATION: (state, ctx) => {
    if (!state.tasks.some((t) => t.kind === 'INTERVIEW'))
      openInvestigationTasks(state, [...(ctx.referees ?? [])], ctx);
  },
};

/** Validates a command against the case, then applies it to a copy of the state. Pure: no I/O, no clock. */
export function decide(state: CaseSnapshot, command: AnyCaseCommand, ctx: DecideContext): Decision {
  const facts = caseFactsOf(state);
  const verdict = isSystemCommand(command)
    ? evaluateSystemCommand(facts, command)
    : evaluateCommand(facts, command);
  if (!verdict.ok) return verdict;
  const { accepted } = verdict;

  const next = copyOf(state);
  // Time since the last change counts as it was (waiting or not) before this change alters that.
  accrue(next, ctx.at);
  if (isSystemCommand(command)) {
    applySystemCommand(next, command, accepted, ctx);
  } else {
    next.investigatingOfficers = investigatorsAfter(state, command);
    applyCommand(next, command, accepted, ctx);
    if (command.type === 'RECORD_DECISION') recordTargetMet(next, ctx);
  }
  if (accepted.from !== accepted.to && ctx.dv) ON_ENTERING[accepted.to]?.(next, ctx, ctx.dv);
  return { ok: true, accepted, state: next };
}

/** The screening move for an eligibility result. */
export function screeningCommand(eligibility: EligibilityResult): SystemCommand {
  const type = (
    {
      ELIGIBLE: 'PASS_SCREENING',
      INELIGIBLE: 'FAIL_SCREENING',
      EXCEPTION_REVIEW: 'REFER_RESIDENCY_EXCEPTION',
    } as const
  )[eligibility.outcome];
  return { type, actor: SYSTEM_ACTOR, eligibility };
}

/** What the history keeps of a command: everything but its type and actor, which have their own columns. */
export function payloadOf(command: AnyCaseCommand): Record<string, unknown> {
  switch (command.type) {
    // The questionnaire itself is stored as a version of its own; the history only notes that it arrived.
    case 'SUBMIT_QUESTIONNAIRE':
      return { sections: Object.keys(command.content) };
    case 'PASS_SCREENING':
    case 'FAIL_SCREENING':
    case 'REFER_RESIDENCY_EXCEPTION': {
      const { outcome, reasons, flags } = command.eligibility;
      return { outcome, reasons, flags };
    }
    default:
      return Object.fromEntries(Object.entries(command).filter(([key]) => key !== 'type' && key !== 'actor'));
  }
}

/** On a DV case with a clock: whether the vetting-owned time from acceptance to decision met the DV target. */
function recordTargetMet(state: CaseSnapshot, ctx: DecideContext): void {
  const policy = ctx.clockPolicy;
  if (!state.clock || !policy || !state.dvClockStartedAt) return;
  // A renewal case has its own target (DOMAIN.md: DV renewal 95 days), measured the same way.
  const target = state.renewalOf ? policy.targets.DV_RENEWAL : policy.targets.DV;
  state.clock.targetMet = dvTargetMet(
    policy,
    state.dvClockStartedAt,
    ctx.at,
    state.clock.waitingSegments,
    target,
  );
}

function dvTargetMet(
  policy: ClockPolicy,
  startedAt: string,
  decidedAt: string,
  waiting: { from: string; to: string }[],
  target: number,
): boolean {
  const waited = waiting.reduce((sum, s) => sum + elapsedUnits(policy, s.from, s.to), 0);
  return elapsedUnits(policy, startedAt, decidedAt) - waited <= target;
}

/** A deep copy (the state is plain JSON: it crosses Temporal and the read-model as such). */
export function copyOf(state: CaseSnapshot): CaseSnapshot {
  return JSON.parse(JSON.stringify(state)) as CaseSnapshot;
}
