// One held clearance, from the grant until it ends (withdrawn, expired or lapsed): years long, so each appraisal
// year runs as its own workflow run and continues-as-new into the next, carrying the state. People act through
// one Update validated by the clearance rules (libs/domain/src/clearance); the clock raises appraisals,
// reminders, overdue notices, renewal reminders and expiry itself. Activities keep the clearance row and its
// event history. A renewal is a vetting case of its own (kind RENEWAL), started here as an abandoned child; it
// signals its outcome back, and a grant supersedes this clearance with the one it recorded.
import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  executeChild,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ClearanceActivities } from '../activities/clearances';
import type { NotificationActivities } from '../activities/notifications';
import type {
  ClearanceActorRef,
  ClearanceCommand,
  ClearanceRejection,
  ClearanceState,
} from '../libs/domain/src/clearance';
import {
  DEFAULT_CHANGE_CHECK_TIMING,
  DEFAULT_SUCCESSION_OUTCOME_WAIT_MS,
  appraisalDueAt,
  applyClearanceCommand,
  checkClearanceCommand,
  checksForChange,
  expiresAt,
  grantedClearance,
  heldPastRenewalDate,
  isEndedClearance,
  outstandingAppraisalParts,
  renewalOrphanedBy,
  renewalRemindersAt,
  successionPending,
} from '../libs/domain/src/clearance';
import type {
  ClearanceHeldInput,
  RenewalOutcome,
  RenewalSuccessionAnswer,
  RenewalSuccessionAsked,
} from '../libs/contracts/src/clearance';
import type { RenewedClearanceEnd } from '../libs/domain/src/case-commands';
import {
  CLEARANCE_REJECTED_FAILURE_TYPE,
  clearanceCommandUpdate,
  getClearanceQuery,
  renewalOutcomeSignal,
  renewalSuccessionAnsweredSignal,
  renewalSuccessionAskedSignal,
  renewedClearanceEndedSignal,
} from '../libs/contracts/src/clearance';
import { caseWorkflowId } from '../libs/contracts/src/workflow-ids';
import type { RecordCheckInput, RecordCheckResult } from '../libs/contracts/src/record-check.types';
import {
  RECORD_CHECK_WORKFLOW_TYPE,
  recordCheckInputs,
  recordCheckWorkflowId,
} from '../libs/contracts/src/record-check.ids';
import type { CheckType } from '../libs/domain/src/record-checks';
import { discreetNotices } from './notices';
import { WRITE_ACTIVITY_OPTIONS, WriteChain } from './read-model-writer';
import type { vettingCaseWorkflow } from './vetting-case.workflow';

const { openHeldClearance, recordClearanceEvent, prepareRenewalCase, renewalSuccessorOf } = proxyActivities<
  ClearanceActivities & NotificationActivities
>(WRITE_ACTIVITY_OPTIONS);

const SYSTEM = { subject: 'system', as: 'SYSTEM' } as const;

/** Runs after this marker send renewal reminders ahead of the renewal date (and open the renewal case). */
export const RENEWAL_REMINDERS_PATCH = 'clearance-renewal-reminders';
/** Runs after this marker withdraw their open renewal case when the clearance ends (withdrawn, lapsed, expired). */
export const CLOSE_ORPHANED_RENEWAL_PATCH = 'close-orphaned-renewal';
/**
 * Appraisal years falling due after this marker have two parts, the holder's and the line manager's (when the
 * sponsor has named one): the line manager is told and reminded of their part, and the overdue escalation goes to
 * them instead of the sponsor. Years before it keep the holder-only appraisal and the sponsor's escalation.
 */
export const LINE_MANAGER_APPRAISAL_PATCH = 'line-manager-appraisal';
/**
 * Change reports accepted after this marker re-run the record checks their kind calls for (checksForChange)
 * through the provider adapters, as child record-check workflows, and record each result on the review task.
 */
export const CHANGE_CHECKS_PATCH = 'clearance-change-checks';
/**
 * Line managers named (or changed) after this marker are told discreetly at once, so they know to sign in before
 * an appraisal falls due; before it, a newly named line manager heard nothing until the next appraisal's notice.
 */
export const LINE_MANAGER_NAMED_NOTICE_PATCH = 'line-manager-named-notice';
/**
 * A line manager a sponsor replaces after this marker is told discreetly that there is an update (they no longer
 * see the clearance); before it, the former line manager just lost sight of it.
 */
export const LINE_MANAGER_REPLACED_NOTICE_PATCH = 'line-manager-replaced-notice';
/**
 * Closing a referral with the clearance left valid (CLOSE_REFERRAL) is taken after this marker. No earlier history
 * holds one (workers before it refused the command in the validator), so the marker only dates the change: a
 * history that has it replays only on a worker that knows the command.
 */
export const REFERRAL_LEFT_VALID_PATCH = 'referral-left-valid';
/**
 * Review tasks assigned after this marker by someone else (a team lead) tell the officer discreetly, so they know
 * to sign in; an officer taking a task themself is not told. Before it, an assigned officer heard nothing.
 */
export const REVIEW_ASSIGNED_NOTICE_PATCH = 'review-assigned-notice';
/**
 * An officer whose review task is reassigned to someone else after this marker is told discreetly (they no longer
 * have it in their share of the queue), unless they reassigned it themself. Before it, they just lost it.
 */
export const REVIEW_UNASSIGNED_NOTICE_PATCH = 'review-unassigned-notice';
/**
 * A granted renewal case asks this workflow, after this marker, whether it may record a successor
 * (renewalSuccessionAsked), and this workflow answers from its own order of events: accepted while the clearance is
 * live (RENEWAL_SUCCESSION: from then on it ends only as RENEWED), refused once it has ended. Before it, the case
 * read the stored clearance row, which raced an end decided here but not yet stored. The vetting case workflow
 * takes the same marker for its side.
 */
export const RENEWAL_SUCCESSION_PATCH = 'renewal-succession-asked';
/**
 * A succession accepted after this marker (or carried pending into a run that takes it) waits at most
 * `timing.renewalSuccessionOutcomeWaitMs` for the case's outcome. Then the answer is sent once more, and the
 * clearance reads whether the case stored a successor (renewalSuccessorOf): one stored renews it to that successor
 * (the outcome was lost); none lets the succession lapse (RENEWAL_SUCCESSION_LAPSED), so the clearance is held as
 * before instead of refusing every end for ever. Before it, an accepted succession waited without bound.
 */
export const RENEWAL_SUCCESSION_OUTCOME_WAIT_PATCH = 'renewal-succession-outcome-wait';

/** A held clearance's aftercare: appraisals each year, reports and reviews, suspension, withdrawal, lapse, expiry. */
export async function clearanceHeldWorkflow(input: ClearanceHeldInput): Promise<ClearanceState> {
  const startedAt = input.startedAt ?? new Date().toISOString();
  const year = input.year ?? 1;
  const { clearanceId, timing } = input;
  const state: ClearanceState = input.carried
    ? { ...input.carried }
    : grantedClearance(
        {
          clearanceId,
          caseId: input.caseId,
          holderId: input.holderId,
          sponsorId: input.sponsorId,
          grantedOn: input.grantedOn,
          renewalDue: input.renewalDue,
          conditions: input.conditions,
        },
        startedAt,
      );
  // A new workflow type, so it starts on the chain that survives refused writes (no old histories to keep).
  const chain = new WriteChain(true);
  const notify = discreetNotices(chain, { clearanceId });
  const anchor = { startedAt, grantedOn: input.grantedOn, renewalDue: input.renewalDue };
  const expiry = Date.parse(expiresAt(anchor, timing));
  const ended = (): boolean => isEndedClearance(state.status);

  const rejection = (r: ClearanceRejection): ApplicationFailure =>
    ApplicationFailure.create({
      type: CLEARANCE_REJECTED_FAILURE_TYPE,
      message: r.message,
      nonRetryable: true,
      details: [r],
    });

  /** Decides and applies a command; the event and the new snapshot are written in order on the chain. */
  const change = (command: ClearanceCommand, dueAt?: string): Promise<void> | ClearanceRejection => {
    const verdict = checkClearanceCommand(state, command);
    if (!verdict.ok) return verdict.rejection;
    const at = new Date().toISOString();
    const before = { status: state.status, renewal: state.renewal ? { ...state.renewal } : null };
    Object.assign(state, applyClearanceCommand(state, command, verdict.to, at, dueAt));
    const orphaned = renewalOrphanedBy(before, state);
    const snapshot = { ...state };
    const { type, actor, ...detail } = command;
    const event = {
      clearanceId,
      seq: state.seq,
      action: type,
      actorRole: actor.as,
      actorId: actor.subject,
      fromStatus: verdict.from,
      toStatus: verdict.to,
      at,
      detail,
    };
    log.info('clearance event', { clearanceId, seq: state.seq, action: type, status: state.status });
    // A write the database refuses for good is an alert the activity raised; the clearance's life goes on.
    const stored = chain
      .write(() => recordClearanceEvent({ event, snapshot }))
      .catch((error: unknown) => {
        log.warn('clearance event not stored', { clearanceId, seq: event.seq, error: String(error) });
      });
    if (!orphaned || !patched(CLOSE_ORPHANED_RENEWAL_PATCH)) return stored;
    // After the clearance's end is stored, so a grant racing it finds the clearance ended (renewedClearanceLive).
    return stored.then(() => withdrawRenewal(orphaned.caseId, orphaned.reason));
  };
  /** Tells the open renewal case the clearance ended; the case withdraws itself (discreetly: no notices). */
  const withdrawRenewal = async (caseId: string, reason: RenewedClearanceEnd): Promise<void> => {
    // A case still being opened is started first, or the signal would find no workflow.
    await condition(() => !openingRenewal);
    try {
      await getExternalWorkflowHandle(caseWorkflowId(caseId)).signal(renewedClearanceEndedSignal, {
        clearanceId,
        reason,
      });
      log.info('renewal case told the clearance ended', { clearanceId, caseId, reason });
    } catch (error) {
      // The case closed meanwhile (decided or withdrawn by its applicant): nothing left to withdraw.
      log.warn('renewal case not told', { clearanceId, caseId, error: String(error) });
    }
  };
  /** The clock's own moves; a refusal means the moment has passed (submitted, ended), so nothing happens. */
  const systemChange = async (command: ClearanceCommand, dueAt?: string): Promise<boolean> => {
    const done = change(command, dueAt);
    if (!(done instanceof Promise)) return false;
    await done;
    return true;
  };

  // True while a renewal case is being opened (its record written, its case not yet started): the run must not
  // continue-as-new or end in between, or the case would be recorded as open and never started.
  let openingRenewal = false;
  /** Opens a renewal case: recorded first, then its input prepared from the last case and the case started. */
  const openRenewal = async (actor: ClearanceActorRef): Promise<ClearanceRejection | undefined> => {
    const caseId = uuid4();
    const done = change({ type: 'OPEN_RENEWAL', actor, caseId });
    if (!(done instanceof Promise)) return done;
    openingRenewal = true;
    try {
      await done;
      const input = await prepareRenewalCase({
        caseId,
        clearanceId,
        previousCaseId: state.caseId,
        holderId: state.holderId,
        sponsorId: state.sponsorId,
      });
      await startChild<typeof vettingCaseWorkflow>('vettingCaseWorkflow', {
        workflowId: caseWorkflowId(caseId),
        taskQueue: workflowInfo().taskQueue,
        // The renewal case outlives this run (continue-as-new) and tells the clearance its outcome by signal.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [input],
      });
      log.info('renewal case opened', { clearanceId, caseId, by: actor.as });
    } finally {
      openingRenewal = false;
    }
    return undefined;
  };

  // True while an accepted succession that waited too long is being checked (the answer re-sent, the successor
  // read, the outcome recorded): the run must not continue-as-new or end in between.
  let checkingSuccession = false;
  /**
   * Bounds the wait for the outcome of the succession pending now (RENEWAL_SUCCESSION_OUTCOME_WAIT_PATCH). The
   * deadline counts from the acceptance in the state, so a run that continues as new waits only what is left.
   */
  const boundSuccessionWait = async (): Promise<void> => {
    const accepted = state.renewal?.successionAcceptedAt;
    if (!accepted || !state.renewal || !successionPending(state)) return;
    const { caseId } = state.renewal;
    // Still this acceptance pending (not renewed, closed, or lapsed and accepted anew since).
    const waiting = (): boolean =>
      successionPending(state) && state.renewal?.successionAcceptedAt === accepted;
    const waitMs = timing.renewalSuccessionOutcomeWaitMs ?? DEFAULT_SUCCESSION_OUTCOME_WAIT_MS;
    const left = Date.parse(accepted) + waitMs - Date.now();
    if (left > 0) await condition(() => !waiting(), left);
    if (!waiting()) return;
    checkingSuccession = true;
    try {
      log.warn('renewal succession unconfirmed: answering again and looking for a successor', {
        clearanceId,
        caseId,
      });
      try {
        // Once more, in case the case is still waiting for it (a lost answer); it then records its successor.
        await getExternalWorkflowHandle(caseWorkflowId(caseId)).signal(renewalSuccessionAnsweredSignal, {
          clearanceId,
          accepted: true,
        });
      } catch (error) {
        log.warn('renewal succession answer not delivered again', {
          clearanceId,
          caseId,
          error: String(error),
        });
      }
      const successorId = await renewalSuccessorOf({ clearanceId, caseId });
      if (!waiting()) return;
      // A stored successor is the grant's own word (its outcome was lost on the way): the clearance is renewed.
      // None: the succession lapses and the clearance is held as before; its renewal case may still decide.
      const command: ClearanceCommand = successorId
        ? { type: 'RENEWAL_GRANTED', actor: SYSTEM, caseId, successorId }
        : { type: 'RENEWAL_SUCCESSION_LAPSED', actor: SYSTEM, caseId };
      await systemChange(command);
      log.info('renewal succession settled without its outcome', {
        clearanceId,
        caseId,
        action: command.type,
      });
    } finally {
      checkingSuccession = false;
    }
  };

  // Checks re-run for change reports and not yet back. A run waits for them before it continues as new or ends,
  // so none is lost between runs; each ends by its timeout at the latest (a provider outage delays the next
  // year's run by at most that, and the year's dates are counted from the grant, not from the run).
  let checksRunning = 0;
  /** One re-run check: a child record-check workflow under its own opaque id; its result goes on the task. */
  const runChangeCheck = async (taskId: string, checkType: CheckType, runId: string): Promise<void> => {
    const [checkInput] = recordCheckInputs(runId, input.timing.changeChecks ?? DEFAULT_CHANGE_CHECK_TIMING, [
      checkType,
    ]);
    if (!checkInput) return;
    // The provider knows the subject by the granting case's reference; the check's row, workflow and
    // callbacks are keyed by the run id, so they stand apart from the case's own checks.
    const childInput: RecordCheckInput = { ...checkInput, subjectRef: state.caseId };
    let status: RecordCheckResult['status'];
    let outcome: RecordCheckResult['outcome'] = null;
    try {
      const result = await executeChild<(i: RecordCheckInput) => Promise<RecordCheckResult>>(
        RECORD_CHECK_WORKFLOW_TYPE,
        {
          workflowId: recordCheckWorkflowId(runId, checkType),
          args: [childInput],
          parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
        },
      );
      status = result.status;
      outcome = result.outcome;
    } catch (error) {
      // Like a case's check: one whose workflow failed outright still needs a person, as a timeout does.
      status = isCancellation(error) ? 'CANCELLED' : 'FAILED';
      log.warn('change check ended without a result', {
        clearanceId,
        taskId,
        checkType,
        error: String(error),
      });
    }
    const done = change({
      type: 'CHANGE_CHECK_RESULT',
      actor: SYSTEM,
      taskId,
      runId,
      checkType,
      status,
      outcome,
    });
    // An ended clearance takes no more events; the result stays in the check's own record_check row.
    if (!(done instanceof Promise)) {
      log.warn('change check result not recorded', { clearanceId, taskId, checkType, reason: done.message });
      return;
    }
    await done;
  };
  const startChangeChecks = (checks: { checkType: CheckType; runId: string }[]): void => {
    const task = state.tasks.find((t) => t.checks?.some((c) => c.runId === checks[0]?.runId));
    if (!task) return;
    for (const { checkType, runId } of checks) {
      checksRunning += 1;
      void runChangeCheck(task.taskId, checkType, runId).finally(() => {
        checksRunning -= 1;
      });
    }
    log.info('change checks started', { clearanceId, taskId: task.taskId, checks: checks.length });
  };

  setHandler(
    clearanceCommandUpdate,
    async (received: ClearanceCommand) => {
      let command = received;
      let checks: { checkType: CheckType; runId: string }[] = [];
      if (command.type === 'REPORT_CHANGE') {
        // The workflow chooses the checks and their ids (uuid4 is replay-safe); a caller's are ignored.
        const report = { ...command };
        delete report.checks;
        command = report;
        if (patched(CHANGE_CHECKS_PATCH)) {
          checks = checksForChange(report.kind).map((checkType) => ({ checkType, runId: uuid4() }));
          command = { ...report, checks };
        }
      }
      if (command.type === 'CLOSE_REFERRAL' && !patched(REFERRAL_LEFT_VALID_PATCH)) {
        // Unreachable on any recorded history (see the marker); refused as an older worker would have.
        throw rejection({ ...refusal(state), message: 'CLOSE_REFERRAL is not taken by this clearance' });
      }
      if (command.type === 'OPEN_RENEWAL') {
        const refused = await openRenewal(command.actor);
        if (refused) throw rejection(refused);
        return { ...state };
      }
      // Validated already, but another update may have changed the clearance since: decide again.
      // Read before the change: a naming replaces this line manager, who is told below.
      const formerLineManager = state.lineManagerId ?? null;
      // Likewise the officer a reassignment takes the task from, who is told below.
      const formerAssignee =
        command.type === 'ASSIGN_REVIEW'
          ? (state.tasks.find((t) => t.taskId === command.taskId)?.assignee ?? null)
          : null;
      const done = change(command);
      if (!(done instanceof Promise)) throw rejection(done);
      const seq = state.seq;
      await done;
      if (checks.length > 0) startChangeChecks(checks);
      // (A new command: no recorded history holds one, so this notice needs no patch marker.)
      if (command.type === 'TRANSFER_SPONSOR') {
        await notify({
          caseId: clearanceId,
          recipient: command.toSponsorId,
          role: 'SPONSOR',
          reason: 'SPONSOR_TRANSFER',
          dedupeKey: `${clearanceId}:transfer-${seq}:SPONSOR`,
        });
      }
      // Naming the same line manager again is refused by the rules, so every naming here is a new one.
      if (command.type === 'NAME_LINE_MANAGER' && patched(LINE_MANAGER_NAMED_NOTICE_PATCH)) {
        await notify({
          caseId: clearanceId,
          recipient: command.lineManagerId,
          role: 'LINE_MANAGER',
          reason: 'LINE_MANAGER_NAMED',
          dedupeKey: `${clearanceId}:line-manager-named-${seq}:LINE_MANAGER`,
        });
      }
      // The manager replaced: a notice with no personal data (they no longer see the clearance, so the inbox is
      // all they are told). A first naming replaces no one and takes no marker.
      if (
        command.type === 'NAME_LINE_MANAGER' &&
        formerLineManager &&
        patched(LINE_MANAGER_REPLACED_NOTICE_PATCH)
      ) {
        await notify({
          caseId: clearanceId,
          recipient: formerLineManager,
          role: 'LINE_MANAGER',
          reason: 'LINE_MANAGER_REPLACED',
          dedupeKey: `${clearanceId}:line-manager-replaced-${seq}:LINE_MANAGER`,
        });
      }
      // Assigning the officer who has the task already is refused by the rules: every assignment here is new.
      if (
        command.type === 'ASSIGN_REVIEW' &&
        command.officerId !== command.actor.subject &&
        patched(REVIEW_ASSIGNED_NOTICE_PATCH)
      ) {
        await notify({
          caseId: clearanceId,
          recipient: command.officerId,
          role: 'OFFICER',
          reason: 'REVIEW_TASK_ASSIGNED',
          dedupeKey: `${clearanceId}:review-assigned-${seq}:OFFICER`,
        });
      }
      // The officer the task was taken from (the rules refuse assigning it to them again), unless it was their own
      // doing; a first assignment takes it from no one and takes no marker.
      if (
        command.type === 'ASSIGN_REVIEW' &&
        formerAssignee &&
        formerAssignee !== command.officerId &&
        formerAssignee !== command.actor.subject &&
        patched(REVIEW_UNASSIGNED_NOTICE_PATCH)
      ) {
        await notify({
          caseId: clearanceId,
          recipient: formerAssignee,
          role: 'OFFICER',
          reason: 'REVIEW_TASK_UNASSIGNED',
          dedupeKey: `${clearanceId}:review-unassigned-${seq}:OFFICER`,
        });
      }
      return { ...state };
    },
    {
      validator: (command: ClearanceCommand) => {
        if (command.actor.as === 'SYSTEM')
          throw rejection({ ...refusal(state), message: 'clock events are not for callers' });
        const verdict = checkClearanceCommand(state, command);
        if (!verdict.ok) throw rejection(verdict.rejection);
      },
    },
  );
  setHandler(getClearanceQuery, () => ({ ...state }));
  // The renewal case's outcome: checked by the rules like any command; one for another case is ignored.
  setHandler(renewalOutcomeSignal, async (outcome: RenewalOutcome) => {
    const done = change(renewalCommand(outcome));
    if (!(done instanceof Promise)) {
      log.warn('renewal outcome ignored', { clearanceId, caseId: outcome.caseId, reason: done.message });
      return;
    }
    await done;
  });

  // A granted renewal case asks whether it may record a successor. Decided here, in this workflow's own order,
  // at once (no await before the decision): an end taken before it refuses it, and once accepted an end is
  // refused instead (successionPending). Asked again (a lost answer), the same answer is given again.
  setHandler(renewalSuccessionAskedSignal, async ({ caseId }: RenewalSuccessionAsked) => {
    // No earlier history holds this signal: the marker only dates the change.
    patched(RENEWAL_SUCCESSION_PATCH);
    let answer: RenewalSuccessionAnswer;
    const { renewal } = state;
    // Accepted before (and not since closed without a successor): the same answer again, no new event.
    if (renewal?.caseId === caseId && renewal.successionAcceptedAt && renewal.status !== 'CLOSED') {
      answer = { clearanceId, accepted: true };
    } else {
      const done = change({ type: 'RENEWAL_SUCCESSION', actor: SYSTEM, caseId });
      if (done instanceof Promise) {
        answer = { clearanceId, accepted: true };
        // Not awaited: the bound runs beside the run (a handler left waiting would hold continue-as-new).
        if (patched(RENEWAL_SUCCESSION_OUTCOME_WAIT_PATCH)) void boundSuccessionWait();
        // The pending succession is stored before the successor's row can be.
        await done;
      } else {
        answer = { clearanceId, accepted: false, reason: `${done.message} (status ${state.status})` };
      }
    }
    log.info('renewal succession answered', { clearanceId, caseId, accepted: answer.accepted });
    try {
      await getExternalWorkflowHandle(caseWorkflowId(caseId)).signal(renewalSuccessionAnsweredSignal, answer);
    } catch (error) {
      // The case closed meanwhile: it asks only while deciding, so it had given up (and recorded no successor).
      log.warn('renewal succession answer not delivered', { clearanceId, caseId, error: String(error) });
    }
  });

  /** Waits until `at` (ms) unless the clearance ends first; true when the time came with it still live. */
  const liveAt = async (at: number): Promise<boolean> => {
    const wait = at - Date.now();
    if (wait > 0) await condition(ended, wait);
    return !ended();
  };

  await chain.write(() => openHeldClearance({ ...state }));
  // A succession carried pending from the run before is still waited for, for what is left of the bound.
  if (successionPending(state) && patched(RENEWAL_SUCCESSION_OUTCOME_WAIT_PATCH)) void boundSuccessionWait();

  // Renewal reminders ahead of the renewal date, to the holder and the sponsor; a reminder also opens the renewal
  // case unless one is open (or the clearance cannot be renewed now). Each is sent once across runs.
  const remindOfRenewal = async (): Promise<void> => {
    for (const { n, at } of renewalRemindersAt(anchor, timing)) {
      if ((state.renewalReminders ?? 0) >= n) continue;
      if (!(await liveAt(Date.parse(at)))) return;
      if (!(await systemChange({ type: 'RENEWAL_REMINDER', actor: SYSTEM, n }))) continue;
      const recipients = [
        [state.holderId, 'APPLICANT'],
        [state.sponsorId, 'SPONSOR'],
      ] as const;
      for (const [recipient, role] of recipients) {
        const dedupeKey = `${clearanceId}:renewal-${n}:${role}`;
        if (recipient)
          await notify({ caseId: clearanceId, recipient, role, reason: 'RENEWAL_DUE', dedupeKey });
      }
      if (checkClearanceCommand(state, { type: 'OPEN_RENEWAL', actor: SYSTEM }).ok) await openRenewal(SYSTEM);
    }
  };
  if ((timing.renewalReminderMs?.length ?? 0) > 0 && patched(RENEWAL_REMINDERS_PATCH)) void remindOfRenewal();

  // This run's appraisal year: due, reminded, overdue; then on to the next year, or expiry.
  const dueAt = Date.parse(appraisalDueAt(anchor, timing, year));
  if (dueAt < expiry && (await liveAt(dueAt))) {
    const dueIso = new Date(dueAt).toISOString();
    const twoPart = patched(LINE_MANAGER_APPRAISAL_PATCH);
    /** The line manager of a two-part year, while their part is outstanding (read when the notice goes). */
    const managerOwing = (): string | null =>
      twoPart && state.lineManagerId && outstandingAppraisalParts(state).lineManager
        ? state.lineManagerId
        : null;
    if (
      await systemChange(
        { type: 'APPRAISAL_DUE', actor: SYSTEM, n: year, ...(twoPart ? { twoPart } : {}) },
        dueIso,
      )
    ) {
      await notify({
        caseId: clearanceId,
        recipient: state.holderId,
        role: 'APPLICANT',
        reason: 'APPRAISAL_DUE',
      });
      const manager = managerOwing();
      if (manager) {
        const dedupeKey = `${clearanceId}:appraisal-${year}:due:line-manager`;
        await notify({
          caseId: clearanceId,
          recipient: manager,
          role: 'LINE_MANAGER',
          reason: 'APPRAISAL_DUE',
          dedupeKey,
        });
      }
    }
    if ((await liveAt(dueAt + timing.appraisalReminderMs)) && state.appraisal?.status === 'DUE') {
      if (await systemChange({ type: 'APPRAISAL_REMINDER', actor: SYSTEM, n: year })) {
        const dedupeKey = `${clearanceId}:appraisal-${year}:reminder`;
        // A two-part year reminds only whoever still owes their part; an older year reminds the holder.
        if (!twoPart || outstandingAppraisalParts(state).holder) {
          await notify({
            caseId: clearanceId,
            recipient: state.holderId,
            role: 'APPLICANT',
            reason: 'REMINDER',
            dedupeKey,
          });
        }
        const manager = managerOwing();
        if (manager) {
          await notify({
            caseId: clearanceId,
            recipient: manager,
            role: 'LINE_MANAGER',
            reason: 'REMINDER',
            dedupeKey: `${dedupeKey}:line-manager`,
          });
        }
      }
    }
    if ((await liveAt(dueAt + timing.appraisalOverdueMs)) && state.appraisal?.status === 'DUE') {
      if (await systemChange({ type: 'APPRAISAL_OVERDUE', actor: SYSTEM, n: year })) {
        const dedupeKey = `${clearanceId}:appraisal-${year}:overdue`;
        // The line manager answers for an overdue appraisal when one is named; the sponsor stands in otherwise
        // (and on years before the patch, when there was no line manager to name).
        const manager = twoPart ? (state.lineManagerId ?? null) : null;
        if (manager) {
          await notify({
            caseId: clearanceId,
            recipient: manager,
            role: 'LINE_MANAGER',
            reason: 'ESCALATION',
            dedupeKey,
          });
        } else if (state.sponsorId) {
          await notify({
            caseId: clearanceId,
            recipient: state.sponsorId,
            role: 'SPONSOR',
            reason: 'ESCALATION',
            dedupeKey,
          });
        }
      }
    }
  }

  const nextDue = Date.parse(appraisalDueAt(anchor, timing, year + 1));
  if (await liveAt(Math.min(nextDue, expiry))) {
    if (nextDue < expiry) {
      await condition(() => !openingRenewal && !checkingSuccession && checksRunning === 0);
      await chain.drained();
      await condition(allHandlersFinished);
      // History stays bounded: each appraisal year is one run.
      return continueAsNew<typeof clearanceHeldWorkflow>({
        ...input,
        startedAt,
        year: year + 1,
        carried: { ...state },
      });
    }
    // An open renewal case holds the clearance past its renewal date until it is decided (or closes undecided).
    await condition(() => !openingRenewal && !heldPastRenewalDate(state));
    if (!ended()) await systemChange({ type: 'EXPIRE', actor: SYSTEM });
  }
  await condition(() => !openingRenewal && !checkingSuccession && checksRunning === 0);
  await chain.drained();
  await condition(allHandlersFinished);
  return { ...state };
}

/** The clearance command a renewal case's outcome stands for (the clock's own, as SYSTEM). */
function renewalCommand(o: RenewalOutcome): ClearanceCommand {
  switch (o.outcome) {
    case 'GRANTED':
      return { type: 'RENEWAL_GRANTED', actor: SYSTEM, caseId: o.caseId, successorId: o.successorId };
    case 'REFUSED':
      return {
        type: 'RENEWAL_REFUSED',
        actor: SYSTEM,
        caseId: o.caseId,
        decidedBy: o.decidedBy ?? 'system',
        disclosableReasons: o.disclosableReasons,
      };
    case 'CLOSED':
      return { type: 'RENEWAL_CLOSED', actor: SYSTEM, caseId: o.caseId };
  }
}

function refusal(state: ClearanceState): ClearanceRejection {
  return { code: 'ILLEGAL_TRANSITION', message: '', status: state.status, allowedActions: [] };
}
