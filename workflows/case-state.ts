// Pure state changes of a case, applied by the workflow after a command is accepted. Kept apart from the
// workflow so they can be unit-tested without Temporal; nothing here may do I/O or read the clock.
import type { Accepted, CaseCommand, CaseTask, Stage, SystemCommand } from '../libs/domain/src';
import { BASELINE_CHECK_TYPES, isClosedStage, outcomeWordNeedsReview } from '../libs/domain/src';
import type { CaseSnapshot, CheckSummary } from '../libs/contracts/src';
import type { ClockPolicy } from '../libs/domain/src/clock';
import { instantAfter } from '../libs/domain/src/clock';
import { armStage, shiftDueTimes } from './stage-clock';

/** What a state change needs from the workflow: the time, due dates and the clock policy. */
export interface ChangeContext {
  at: string;
  /** Task ids; by default `T<n>` for the case's n-th task (tasks are never removed, so ids never repeat). */
  nextTaskId?: () => string;
  dueAt: (stage: Stage, from: string) => string | null;
  /** The case's clock policy, when it has a stage clock. */
  clockPolicy?: ClockPolicy;
}

/** The first state of a case, before anything is recorded. */
export function initialSnapshot(
  base: Pick<CaseSnapshot, 'caseId' | 'team' | 'sponsorId' | 'applicantId' | 'rules'>,
  openedAt: string,
  dueAt: string | null,
): CaseSnapshot {
  return {
    ...base,
    stage: 'ELIGIBILITY_SCREENING',
    status: 'OPEN',
    outcome: null,
    assignee: null,
    investigatingOfficers: [],
    openedAt,
    stageEnteredAt: openedAt,
    stageDueAt: dueAt,
    closedAt: null,
    lastEventSeq: 0,
    eligibility: null,
    questionnaire: { status: 'AWAITING', version: 0, submittedAt: null, acceptedAt: null, returnedItems: [] },
    tasks: [],
    checks: [],
    recommendation: null,
    decision: null,
    dvClockStartedAt: null,
    clock: null,
  };
}

/** Moves the case to `to`, stamping when it entered the stage and when it is due. */
export function moveTo(state: CaseSnapshot, to: Stage, ctx: ChangeContext): void {
  if (to === state.stage) return;
  state.stage = to;
  state.stageEnteredAt = ctx.at;
  if (isClosedStage(to)) {
    state.status = 'CLOSED';
    state.closedAt = ctx.at;
    state.stageDueAt = null;
    state.outcome = to;
  } else {
    state.stageDueAt = ctx.dueAt(to, ctx.at);
  }
  if (state.clock && ctx.clockPolicy) {
    armStage(state.clock, ctx.clockPolicy, to, ctx.at);
    // With a clock, the stage is due at its deadline (the working-day policy replaces plain durations).
    if (state.clock.stageDeadlineAt) state.stageDueAt = state.clock.stageDeadlineAt;
  }
}

function openTask(
  state: CaseSnapshot,
  ctx: ChangeContext,
  task: Omit<CaseTask, 'id' | 'status' | 'openedAt' | 'closedAt' | 'outcome' | 'notes'>,
): CaseTask {
  const created: CaseTask = {
    ...task,
    id: ctx.nextTaskId ? ctx.nextTaskId() : `T${state.tasks.length + 1}`,
    status: 'OPEN',
    openedAt: ctx.at,
    closedAt: null,
    outcome: null,
    notes: null,
  };
  state.tasks.push(created);
  return created;
}

function taskById(state: CaseSnapshot, id: string): CaseTask {
  const task = state.tasks.find((t) => t.id === id);
  // The rules checked this already; reaching here means a bug, and the workflow task should fail loudly.
  if (!task) throw new Error(`task ${id} disappeared between validation and application`);
  return task;
}

/** Applies an accepted command's own effects on the state (not the side effects such as starting checks). */
export function applyCommand(
  state: CaseSnapshot,
  command: CaseCommand,
  accepted: Accepted,
  ctx: ChangeContext,
): void {
  switch (command.type) {
    case 'ASSIGN_OFFICER':
      state.assignee = command.officerId;
      break;
    case 'SUBMIT_QUESTIONNAIRE':
      state.questionnaire = {
        ...state.questionnaire,
        status: 'SUBMITTED',
        version: state.questionnaire.version + 1,
        submittedAt: ctx.at,
        returnedItems: [],
      };
      break;
    case 'ACCEPT_QUESTIONNAIRE':
      state.questionnaire = { ...state.questionnaire, status: 'ACCEPTED', acceptedAt: ctx.at };
      state.dvClockStartedAt ??= ctx.at;
      break;
    case 'RETURN_QUESTIONNAIRE':
      state.questionnaire = {
        ...state.questionnaire,
        status: 'RETURNED',
        returnedItems: [...command.items],
        returnedAt: ctx.at,
      };
      break;
    case 'PAUSE_CLOCK':
      if (state.clock) Object.assign(state.clock, { pausedSince: ctx.at, pauseReason: command.reason });
      break;
    case 'RESUME_CLOCK':
      if (state.clock?.pausedSince) {
        shiftDueTimes(state.clock, Date.parse(ctx.at) - Date.parse(state.clock.pausedSince));
        Object.assign(state.clock, { pausedSince: null, pauseReason: null });
        state.stageDueAt = state.clock.stageDeadlineAt ?? state.stageDueAt;
      }
      break;
    case 'SUBMIT_BASELINE':
      if (state.baseline) {
        const { version } = state.baseline;
        Object.assign(state.baseline, { status: 'SUBMITTED', version: version + 1, submittedAt: ctx.at });
        // The BPSS record check is requested once, with the first declaration (workflows/case-record-checks.ts).
        if (version === 0) startChecks(state, BASELINE_CHECK_TYPES);
      }
      break;
    case 'RECORD_BASELINE_OUTCOME':
      if (state.baseline) {
        const asked = command.outcome === 'NEEDS_INFORMATION';
        Object.assign(state.baseline, {
          status: { PASS: 'PASSED', FAIL: 'FAILED', NEEDS_INFORMATION: 'NEEDS_INFORMATION' }[command.outcome],
          outcome: command.outcome,
          missingItems: asked ? [...(command.missingItems ?? [])] : [],
          requestedAt: asked ? ctx.at : state.baseline.requestedAt,
          decidedBy: command.actor,
          decidedAt: ctx.at,
        });
      }
      break;
    case 'EXTEND_DEADLINE':
      if (state.clock?.stageDeadlineAt && ctx.clockPolicy) {
        state.clock.stageDeadlineAt = instantAfter(ctx.clockPolicy, state.clock.stageDeadlineAt, command.by);
        state.stageDueAt = state.clock.stageDeadlineAt;
      }
      break;
    case 'OPEN_TASK':
      openTask(state, ctx, {
        kind: command.kind,
        title: command.title,
        details: { ...command.details },
        replaces: null,
      });
      break;
    case 'UPDATE_TASK': {
      const task = taskById(state, command.taskId);
      task.details = { ...task.details, ...command.details };
      if (command.notes) task.notes = command.notes;
      break;
    }
    case 'CLOSE_TASK': {
      const task = taskById(state, command.taskId);
      Object.assign(task, {
        status: 'CLOSED',
        outcome: command.outcome,
        notes: command.notes ?? task.notes,
        closedAt: ctx.at,
      });
      break;
    }
    case 'WAIVE_TASK': {
      const task = taskById(state, command.taskId);
      Object.assign(task, { status: 'WAIVED', outcome: 'WAIVED', notes: command.reason, closedAt: ctx.at });
      break;
    }
    case 'SUBSTITUTE_REFEREE': {
      const old = taskById(state, command.taskId);
      Object.assign(old, {
        status: 'WAIVED',
        outcome: 'SUBSTITUTED',
        notes: command.reason,
        closedAt: ctx.at,
      });
      openTask(state, ctx, {
        kind: 'REFEREE',
        title: command.title,
        details: { ...command.details },
        replaces: old.id,
      });
      break;
    }
    case 'RECORD_RECOMMENDATION':
      state.recommendation = {
        recommendation: command.recommendation,
        assessment: command.assessment,
        risk: command.risk ?? null,
        conditions: command.conditions ?? [],
        by: command.actor,
        at: ctx.at,
      };
      break;
    case 'RETURN_TO_INVESTIGATION':
      openTask(state, ctx, {
        kind: 'ENQUIRY',
        title: 'Questions from the adjudicator',
        details: { reasons: [...command.reasons], raisedBy: command.actor },
        replaces: null,
      });
      break;
    case 'RECORD_DECISION':
      state.decision = {
        outcome: command.outcome,
        conditions: command.conditions ?? [],
        reviewDueDate: command.reviewDueDate ?? null,
        disclosableReasons: command.disclosableReasons ?? [],
        nonDisclosableReasons: command.nonDisclosableReasons ?? [],
        by: command.actor,
        at: ctx.at,
      };
      break;
    case 'CONFIRM_SPONSORSHIP':
      // The confirming sponsor (the one the application named; the rules refuse anyone else) sponsors the case.
      state.sponsorId = command.actor;
      break;
    case 'DECIDE_RESIDENCY_EXCEPTION':
    case 'COMPLETE_STAGE':
    case 'WITHDRAW':
    case 'DECLINE_SPONSORSHIP':
      break;
  }
  moveTo(state, accepted.to, ctx);
}

/** Applies an accepted system move's effects on the state, then moves the case to the row's stage. */
export function applySystemCommand(
  state: CaseSnapshot,
  command: SystemCommand,
  accepted: Accepted,
  ctx: ChangeContext,
): void {
  switch (command.type) {
    case 'PASS_SCREENING':
    case 'FAIL_SCREENING':
    case 'REFER_RESIDENCY_EXCEPTION':
      state.eligibility = command.eligibility;
      break;
    case 'RECORD_CHECK_RESULT':
      // The baseline check's result is for the officer's outcome, not a review task of its own.
      recordCheckResult(state, command.checkType, command.outcome, ctx, {
        reviewTask: state.stage !== 'BASELINE_CHECKS',
      });
      break;
    case 'SEND_REMINDER':
      state.clock?.sent.push(command.key);
      // At the referee decision point an officer must choose whether to substitute the referee.
      if (command.kind === 'REFEREE_DECISION') {
        openTask(state, ctx, {
          kind: 'ENQUIRY',
          title: 'A referee has not responded: decide whether to substitute them',
          details: { refereeTask: command.taskId },
          replaces: null,
        });
      }
      break;
    case 'LAPSE':
      state.clock?.sent.push(command.key);
      break;
    case 'COMPLETE_RECORD_CHECKS':
    case 'WITHDRAW_RENEWAL':
      break;
  }
  moveTo(state, accepted.to, ctx);
}

/** Opens the investigation's standing tasks: one enquiry per referee named in the questionnaire, and the interview. */
export function openInvestigationTasks(
  state: CaseSnapshot,
  referees: { name: string; relationship?: string }[],
  ctx: ChangeContext,
): void {
  for (const referee of referees) {
    openTask(state, ctx, {
      kind: 'REFEREE',
      title: `Referee enquiry: ${referee.name}`,
      details: { relationship: referee.relationship ?? null, contacted: false },
      replaces: null,
    });
  }
  openTask(state, ctx, {
    kind: 'INTERVIEW',
    title: 'Subject interview',
    details: { scheduledFor: null, adjustmentsRequested: null, adjustmentsAgreed: null },
    replaces: null,
  });
}

/** Records a check's result; anything but CLEAR becomes an officer review task. */
export function recordCheckResult(
  state: CaseSnapshot,
  checkType: string,
  outcome: string,
  ctx: ChangeContext,
  options: { reviewTask: boolean } = { reviewTask: true },
): void {
  const summary: CheckSummary = { checkType, status: 'RESOLVED', outcome, resolvedAt: ctx.at };
  state.checks = state.checks.map((c) => (c.checkType === checkType ? summary : c));
  if (options.reviewTask && outcomeWordNeedsReview(outcome)) {
    openTask(state, ctx, {
      kind: 'CHECK_REVIEW',
      title: `Review ${checkType.toLowerCase().replace(/_/g, ' ')} result (${outcome})`,
      details: { checkType, outcome },
      replaces: null,
    });
  }
}

/**
 * Marks checks as requested: every configured DV check on entering record checks, or the baseline checks on the
 * first baseline declaration. Checks already listed (the baseline ones, resolved) are kept.
 */
export function startChecks(state: CaseSnapshot, checkTypes: readonly string[]): void {
  const kept = state.checks.filter((c) => !checkTypes.includes(c.checkType));
  state.checks = [
    ...kept,
    ...checkTypes.map((checkType) => ({
      checkType,
      status: 'PENDING' as const,
      outcome: null,
      resolvedAt: null,
    })),
  ];
}
