// One appeal or complaint, from when it is made until its outcome is carried out. People act through one Update
// validated by the appeal rules (libs/domain/src/appeals); the clock closes the panel window and marks the
// acknowledgement, statements of case and complaint responses overdue, and (appeals made with a lead time) reminds
// whoever has to act ahead of each of those deadlines. Activities keep the appeal row and its
// event history; an outcome that restores a withdrawn clearance restarts that clearance's aftercare.
import {
  ApplicationFailure,
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  allHandlersFinished,
  condition,
  log,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { AppealActivities } from '../activities/appeals';
import type {
  NotificationActivities,
  NotifyCaseUpdateInput,
  NotifyStaffInRoleInput,
} from '../activities/notifications';
import type {
  AppealCommand,
  AppealLeadReminder,
  AppealRejection,
  AppealState,
} from '../libs/domain/src/appeals';
import {
  applyAppealCommand,
  checkAppealCommand,
  isFinalAppeal,
  leadRemindersAt,
  nextAppealDeadline,
  panelReminderFor,
  statementSideOf,
} from '../libs/domain/src/appeals';
import type { AppealInput } from '../libs/contracts/src/appeal';
import {
  APPEAL_REJECTED_FAILURE_TYPE,
  appealCommandUpdate,
  getAppealQuery,
} from '../libs/contracts/src/appeal';
import type { AftercareTiming, ClearanceState } from '../libs/domain/src/clearance';
import { caseWorkflowId, clearanceHeldWorkflowId } from '../libs/contracts/src/workflow-ids';
import { clearanceHeldWorkflow } from './clearance-held.workflow';
import { discreetNotices } from './notices';
import { WRITE_ACTIVITY_OPTIONS, WriteChain } from './read-model-writer';
import type { vettingCaseWorkflow } from './vetting-case.workflow';

const {
  openAppeal,
  recordAppealEvent,
  storeAppealSnapshot,
  reinstateClearance,
  grantClearanceOnAppeal,
  prepareRerunCase,
} = proxyActivities<AppealActivities>(WRITE_ACTIVITY_OPTIONS);
const { notifyStaffInRole } = proxyActivities<NotificationActivities>(WRITE_ACTIVITY_OPTIONS);

/** Appeals after this marker carry out a refusal's outcome: grant the clearance, or open a new vetting case. */
export const CARRY_OUT_REFUSAL_OUTCOMES_PATCH = 'appeal-carries-out-refusal-outcomes';

/**
 * Appeals after this marker remind their named panel secretary, by discreet notice, when the clock marks the
 * acknowledgement or a statement of case overdue, and tell a secretary named by someone else. Before it the
 * overdue marks stay on the queue, the appeal and its history only (appeals naming nobody: see the next marker).
 */
export const PANEL_SECRETARY_REMINDERS_PATCH = 'panel-secretary-reminders';

/**
 * Appeals after this marker remind the panel secretaries as a group (everyone the staff directory has as one,
 * but the appeal's parties and anyone with a part in it) when the clock marks a deadline overdue while the
 * appeal names no secretary: usually the acknowledgement, since the first to acknowledge becomes the named one.
 * Before it such an overdue mark reminded nobody.
 */
export const PANEL_SECRETARIES_GROUP_REMINDERS_PATCH = 'panel-secretaries-group-reminders';

/**
 * Appeals after this marker, made with a lead time (`timing.reminderLeadMs`), remind whoever has to act by a
 * deadline (appellant, panel secretary, senior adjudicators) that lead time before it, by discreet notice. Asked
 * only when the appeal has a lead time, so appeals made before it (and their recorded histories) run as before.
 */
export const APPEAL_LEAD_REMINDERS_PATCH = 'appeal-deadline-lead-reminders';

/** Actions the appellant is told about (discreetly: "there is an update, please sign in"). */
const TOLD: ReadonlySet<AppealCommand['type']> = new Set<AppealCommand['type']>([
  'UPHOLD',
  'OVERTURN',
  'ACKNOWLEDGE',
  'RECORD_RECOMMENDATION',
  'ANSWER_COMPLAINT',
]);

/** An appeal (internal hearing, then perhaps the independent panel) or a recruit's complaint. */
export async function appealWorkflow(input: AppealInput): Promise<AppealState> {
  const { timing } = input;
  const state: AppealState = { ...input.state };
  const { appealId } = state;
  // A new workflow type, so it starts on the chain that survives refused writes (no old histories to keep).
  const chain = new WriteChain(true);
  const notify = discreetNotices(chain, { appealId });

  const rejection = (r: AppealRejection): ApplicationFailure =>
    ApplicationFailure.create({
      type: APPEAL_REJECTED_FAILURE_TYPE,
      message: r.message,
      nonRetryable: true,
      details: [r],
    });

  /** Decides and applies a command; the event and the new snapshot are written in order on the chain. */
  const change = (command: AppealCommand): Promise<void> | AppealRejection => {
    const verdict = checkAppealCommand(state, command, Date.now());
    if (!verdict.ok) return verdict.rejection;
    const at = new Date().toISOString();
    const from = state.status;
    Object.assign(state, applyAppealCommand(state, command, verdict.to, timing, at));
    const snapshot: AppealState = { ...state };
    const event = {
      appealId,
      seq: state.seq,
      action: command.type,
      actorRole: command.actor.as,
      actorId: command.actor.subject,
      fromStatus: from,
      toStatus: state.status,
      at,
      // Whose statement of case (an overdue mark, an extension, a submission): the history says so. Activity
      // input only, so recorded histories replay unchanged.
      side: statementSideOf(command),
    };
    log.info('appeal event', { appealId, seq: state.seq, action: command.type, status: state.status });
    const written = chain
      .write(() => recordAppealEvent({ event, snapshot }))
      .catch((error: unknown) => {
        log.warn('appeal event not stored', { appealId, seq: event.seq, error: String(error) });
      });
    const secretary = secretaryNotice(command);
    if (secretary) return written.then(() => notify(secretary));
    const secretaries = secretariesNotice(command);
    if (secretaries) return written.then(() => notifyGroup(secretaries));
    if (!TOLD.has(command.type)) return written;
    return written.then(() =>
      notify({
        caseId: appealId,
        recipient: state.appellantId,
        role: 'APPLICANT',
        reason: 'UPDATE',
        dedupeKey: `${appealId}:${command.type}`,
      }),
    );
  };

  /**
   * The discreet notice a command sends the panel secretary, if any (after the marker): a reminder to the named
   * secretary when the clock marks their deadline overdue, or the news that someone else named them. The notice
   * says only "there is an update, please sign in"; the appeal's page says what.
   */
  function secretaryNotice(command: AppealCommand): NotifyCaseUpdateInput | null {
    const reminded = panelReminderFor(state, command);
    const named =
      command.type === 'NAME_SECRETARY' && command.secretaryId !== command.actor.subject
        ? command.secretaryId
        : null;
    const recipient = reminded ?? named;
    // Asked only when there is someone to tell, so appeals naming nobody run exactly as before.
    if (!recipient || !patched(PANEL_SECRETARY_REMINDERS_PATCH)) return null;
    return {
      caseId: appealId,
      recipient,
      role: 'PANEL_SECRETARY',
      reason: reminded ? 'REMINDER' : 'PANEL_SECRETARY_NAMED',
      // One per event: an extension can make a statement overdue again, and a secretary be named twice.
      dedupeKey: `${appealId}:panel-secretary-${state.seq}:PANEL_SECRETARY`,
    };
  }

  /**
   * The group reminder (after its marker) when the clock marks the acknowledgement or a statement overdue and
   * nobody is named: the activity resolves the panel secretaries from the staff directory, so the workflow
   * passes only the role and, to leave out, the opaque ids of those who may not run the panel's side.
   */
  function secretariesNotice(command: AppealCommand): NotifyStaffInRoleInput | null {
    if (command.type !== 'ACKNOWLEDGEMENT_OVERDUE' && command.type !== 'STATEMENT_OVERDUE') return null;
    // Asked only on an overdue mark with nobody named, so every other path runs exactly as before.
    if (panelReminderFor(state, command) || !patched(PANEL_SECRETARIES_GROUP_REMINDERS_PATCH)) return null;
    const exclude = [state.appellantId, ...state.priorInvolvement];
    if (state.sponsorId) exclude.push(state.sponsorId);
    return {
      caseId: appealId,
      staffRole: 'PANEL_SECRETARY',
      role: 'PANEL_SECRETARY',
      reason: 'REMINDER',
      // The activity adds each recipient: one notice per (appeal, event, recipient).
      dedupeKey: `${appealId}:panel-secretaries-${state.seq}:PANEL_SECRETARY`,
      exclude,
    };
  }

  /** Sends a group notice after the writes before it; a refusal is logged and the appeal goes on. */
  async function notifyGroup(notice: NotifyStaffInRoleInput): Promise<void> {
    try {
      await chain.after(() => notifyStaffInRole(notice));
    } catch (error) {
      log.warn('group notice could not be stored', {
        appealId,
        role: notice.role,
        reason: notice.reason,
        error: String(error),
      });
    }
  }

  /**
   * One discreet lead reminder, after the writes before it: to a person, or to everyone in a staff role but the
   * ones left out. One per (appeal, deadline and due time, recipient): a retry or an extension never repeats one.
   */
  async function remindAhead(reminder: AppealLeadReminder): Promise<void> {
    const { to } = reminder;
    log.info('appeal deadline ahead', { appealId, deadline: reminder.deadline, side: reminder.side });
    const dedupeKey = `${appealId}:lead-${reminder.key}:${to.role}`;
    if (to.kind === 'PERSON') {
      await notify({ caseId: appealId, recipient: to.id, role: to.role, reason: 'REMINDER', dedupeKey });
      return;
    }
    await notifyGroup({
      caseId: appealId,
      staffRole: to.staffRole,
      role: to.role,
      reason: 'REMINDER',
      dedupeKey,
      exclude: to.exclude,
    });
  }

  // Fixed at the start: only appeals made with a lead time ask for the marker (see APPEAL_LEAD_REMINDERS_PATCH).
  const leadMs = timing.reminderLeadMs ?? 0;
  const remindsAhead = leadMs > 0 && patched(APPEAL_LEAD_REMINDERS_PATCH);
  /** Lead reminders sent or passed over, by key; rebuilt the same on replay, since the clock decides them. */
  const reminded = new Set<string>();

  // The row first: an update waiting when the workflow starts runs as soon as its handler is set, and its event
  // row needs the appeal row to exist.
  const opened = chain.write(() => openAppeal({ ...state }));

  setHandler(
    appealCommandUpdate,
    async (command: AppealCommand) => {
      // Validated already, but another update may have changed the appeal since: decide again.
      const done = change(command);
      if (!(done instanceof Promise)) throw rejection(done);
      await done;
      return { ...state };
    },
    {
      validator: (command: AppealCommand) => {
        if (command.actor.as === 'SYSTEM') {
          throw rejection({
            code: 'ILLEGAL_TRANSITION',
            message: 'clock events are not for callers',
            status: state.status,
            allowedActions: [],
          });
        }
        const verdict = checkAppealCommand(state, command, Date.now());
        if (!verdict.ok) throw rejection(verdict.rejection);
      },
    },
  );
  setHandler(getAppealQuery, () => ({ ...state }));

  await opened;

  // Until an outcome: wait for people, or for the clock's next deadline, whichever comes first.
  while (!isFinalAppeal(state.status)) {
    const seq = state.seq;
    const next = nextAppealDeadline(state);
    if (remindsAhead) {
      const lead = leadRemindersAt(state, leadMs, reminded, Date.now());
      if (lead.send.length > 0 || lead.skip.length > 0) {
        for (const r of [...lead.send, ...lead.skip]) reminded.add(r.key);
        for (const r of lead.send) await remindAhead(r);
        continue;
      }
      if (lead.nextAt !== null && (!next || lead.nextAt < next.at)) {
        // A reminder falls due before the clock's next deadline: wait for it, or for someone to act first.
        await condition(() => state.seq !== seq, Math.max(lead.nextAt - Date.now(), 1));
        continue;
      }
    }
    if (!next) {
      await condition(() => state.seq !== seq);
      continue;
    }
    const wait = next.at - Date.now();
    const moved = wait > 0 ? await condition(() => state.seq !== seq, wait) : false;
    if (!moved) {
      const done = change(next.command);
      if (done instanceof Promise) await done;
    }
  }

  await carryOut();
  await chain.drained();
  await condition(allHandlersFinished);
  return { ...state };

  /**
   * Carries out what the outcome asks of the system. Restoring a withdrawn clearance restarts its aftercare;
   * on a refusal, granting records a new clearance (the appeal its reason) and starts its aftercare, and a
   * vetting re-run opens a new case for the appellant from the refused case's application.
   */
  async function carryOut(): Promise<void> {
    const effect = state.effect;
    if (!effect || effect.done) return;
    const aftercare = input.aftercare;
    let done: { clearanceId?: string; caseId?: string } | null = null;
    if (effect.kind === 'RESTORE_CLEARANCE' && state.clearanceId && aftercare) {
      done = await restore(state.clearanceId, aftercare);
    } else if ((effect.kind === 'GRANT_CLEARANCE' && aftercare) || effect.kind === 'RERUN_VETTING') {
      if (patched(CARRY_OUT_REFUSAL_OUTCOMES_PATCH)) {
        done = aftercare && effect.kind === 'GRANT_CLEARANCE' ? await grant(aftercare) : await rerun();
      }
    }
    if (!done) {
      // What is left (no aftercare policy, appeals made before this was automated) is staff work.
      log.info('appeal outcome needs staff action', { appealId, effect: effect.kind });
      return;
    }
    state.effect = { ...effect, done: true, ...done };
    const snapshot = { ...state };
    await chain
      .write(() => storeAppealSnapshot(snapshot))
      .catch((error: unknown) => {
        log.warn('appeal snapshot not stored', { appealId, error: String(error) });
      });
  }

  /** A withdrawn clearance valid again, its aftercare carried on in a new run of its workflow. */
  async function restore(
    clearanceId: string,
    aftercare: AftercareTiming,
  ): Promise<{ clearanceId: string } | null> {
    const clearance = await chain.write(() => reinstateClearance({ appealId, clearanceId }));
    if (!clearance) {
      log.warn('appeal could not restore the clearance: no aftercare record', { appealId });
      return null;
    }
    // The withdrawn clearance's workflow has closed; its id may be used again for the restored clearance.
    await followClearance(clearance, aftercare, WorkflowIdReusePolicy.ALLOW_DUPLICATE);
    return { clearanceId };
  }

  /** A clearance granted on a refusal's appeal: its own id (uuid4 is replay-safe) and its own aftercare. */
  async function grant(aftercare: AftercareTiming): Promise<{ clearanceId: string }> {
    const clearanceId = uuid4();
    const clearance = await chain.write(() =>
      grantClearanceOnAppeal({
        appealId,
        clearanceId,
        caseId: state.caseId,
        holderId: state.appellantId,
        sponsorId: state.sponsorId,
      }),
    );
    await followClearance(clearance, aftercare);
    log.info('clearance granted on appeal', { appealId, clearanceId });
    return { clearanceId };
  }

  /** Vetting run again: a new case for the appellant, outliving this appeal (abandoned, not cancelled). */
  async function rerun(): Promise<{ caseId: string }> {
    const caseId = uuid4();
    const caseInput = await chain.write(() =>
      prepareRerunCase({
        appealId,
        caseId,
        previousCaseId: state.caseId,
        applicantId: state.appellantId,
        sponsorId: state.sponsorId,
      }),
    );
    await startChild<typeof vettingCaseWorkflow>('vettingCaseWorkflow', {
      workflowId: caseWorkflowId(caseId),
      taskQueue: workflowInfo().taskQueue,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [caseInput],
    });
    log.info('vetting re-run opened on appeal', { appealId, caseId });
    return { caseId };
  }

  /** Starts (or restarts) a clearance's aftercare from its state; it outlives the appeal. */
  async function followClearance(
    clearance: ClearanceState,
    aftercare: AftercareTiming,
    workflowIdReusePolicy?: WorkflowIdReusePolicy,
  ): Promise<void> {
    await startChild(clearanceHeldWorkflow, {
      workflowId: clearanceHeldWorkflowId(clearance.clearanceId),
      ...(workflowIdReusePolicy ? { workflowIdReusePolicy } : {}),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [
        {
          clearanceId: clearance.clearanceId,
          caseId: clearance.caseId,
          holderId: clearance.holderId,
          sponsorId: clearance.sponsorId,
          grantedOn: clearance.grantedOn,
          renewalDue: clearance.renewalDue,
          conditions: clearance.conditions,
          timing: aftercare,
          carried: clearance,
        },
      ],
    });
  }
}
