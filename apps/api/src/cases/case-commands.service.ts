import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Client,
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure, UpdateDefinition } from '@temporalio/common';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import {
  caseWorkflowId,
  CaseSnapshot,
  COMMAND_UPDATES,
  REJECTION_FAILURE_TYPE,
} from '../../../../libs/contracts/src';
import {
  assigneeProblem,
  CaseCommand,
  DomainError,
  DomainErrorDetails,
  evaluateCommand,
  fourEyesConflict,
  isDecidingAction,
  Principal,
  Rejection,
  viewsThatMayAct,
} from '../../../../libs/domain/src';
import { StaffDirectoryStore, CaseRecord } from '../../../../libs/persistence/src';
import { TemporalBudget, TemporalSilence } from '../temporal/temporal-budget';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { CaseAccessService, VisibleCase } from './case-access.service';
import { restrictedView, toSnapshot } from './cases.service';
import { ApplicantCaseView, SponsorCaseView } from './dto/case.views';

/** A command as the API receives it: the actor is always the authenticated principal, never the body. */
export type CommandRequest = CaseCommand extends infer C
  ? C extends CaseCommand
    ? Omit<C, 'actor' | 'requestedBy'>
    : never
  : never;

/** What an action returns: the case as the principal may see it. */
export type ActionResult = CaseSnapshot | SponsorCaseView | ApplicantCaseView;

/** Sends officer actions to a case workflow as Updates and turns every outcome into a DomainError or a snapshot. */
@Injectable()
export class CaseCommandsService {
  private readonly logger = new Logger(CaseCommandsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly access: CaseAccessService,
    private readonly staff: StaffDirectoryStore,
  ) {}

  /**
   * Applies a command as the principal, after checking they may act on this case at all. A caller that has
   * already loaded the case for this principal passes it in, so the row is read once per request.
   */
  async executeAs(
    principal: Principal,
    caseId: string,
    request: CommandRequest,
    requestId?: string,
    accessReason?: string,
    loaded?: VisibleCase,
  ): Promise<ActionResult> {
    const { row, view } = loaded ?? (await this.access.load(principal, caseId, accessReason));
    // Whose relation to the case lets them act comes from the transition table's `by` column.
    if (!viewsThatMayAct(request.type).includes(view)) {
      throw new DomainError('CASE_NOT_FOUND', `no case with id ${caseId}`, { caseId });
    }
    // Four eyes for every staff role, checked where access is decided (the workflow checks investigators too).
    const conflict =
      isDecidingAction(request.type) &&
      fourEyesConflict(principal, request.type, await this.access.participants(row));
    if (conflict) {
      throw new DomainError('FOUR_EYES_VIOLATION', conflict, { caseId });
    }
    if (request.type === 'ASSIGN_OFFICER') await this.checkAssignee(row, request.officerId);
    const command = { ...request, actor: principal.subject } as CaseCommand;
    if (command.type === 'WITHDRAW') {
      if (view === 'FULL')
        throw new DomainError('FORBIDDEN', 'only the applicant or the sponsor may withdraw an application');
      command.requestedBy = view;
    }
    const snapshot = await this.execute(toSnapshot(row), command, requestId).catch((error: unknown) => {
      throw view === 'APPLICANT' ? forApplicant(error, caseId) : error;
    });
    return view === 'FULL' ? snapshot : restrictedView(snapshot, view);
  }

  /**
   * An officer is assigned only if the staff directory has them as a vetting officer of the case's team, and
   * never to a case they are a party to (a team lead assigned an applicant to their own case; a typo was
   * accepted). The workflow checks the parties again, which is all it can see.
   */
  private async checkAssignee(row: CaseRecord, officerId: string): Promise<void> {
    const officer = await this.staff.find(officerId);
    const problem = assigneeProblem(officerId, officer, {
      applicantId: row.applicantId,
      sponsorId: row.sponsorId,
      team: row.team,
    });
    if (problem) {
      throw new DomainError('INVALID_COMMAND', problem, {
        caseId: row.id,
        fields: [{ field: 'officerId', problems: [problem] }],
      });
    }
  }

  private async execute(
    stored: CaseSnapshot,
    command: CaseCommand,
    requestId?: string,
  ): Promise<CaseSnapshot> {
    const { caseId } = stored;
    // A closed case has no running workflow to ask; answer from the read-model with the same rules.
    if (stored.status === 'CLOSED') {
      const verdict = evaluateCommand(stored, command);
      if (!verdict.ok) throw rejectionError(caseId, verdict.rejection);
    }
    const handle = this.temporal.workflow.getHandle(caseWorkflowId(caseId));
    try {
      const budget = new TemporalBudget(this.temporal, this.config.updateTimeoutMs);
      const snapshot = await budget.send(() =>
        handle.executeUpdate(COMMAND_UPDATES[command.type] as UpdateDefinition<CaseSnapshot, [CaseCommand]>, {
          args: [command],
          // The same request id makes a retried request the same update, applied at most once.
          ...(requestId ? { updateId: `${command.type}:${requestId}` } : {}),
        }),
      );
      this.logger.log({
        message: 'case action applied',
        caseId,
        action: command.type,
        stage: snapshot.stage,
      });
      return snapshot;
    } catch (error) {
      throw this.translate(caseId, command, error, requestId !== undefined);
    }
  }

  private translate(caseId: string, command: CaseCommand, error: unknown, keyed: boolean): DomainError {
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = error.cause;
      if (cause instanceof ApplicationFailure && cause.type === REJECTION_FAILURE_TYPE) {
        const rejection = cause.details?.[0] as Rejection | undefined;
        if (rejection) {
          this.logger.log({
            message: 'case action refused',
            caseId,
            action: command.type,
            code: rejection.code,
          });
          return rejectionError(caseId, rejection);
        }
      }
    }
    if (error instanceof WorkflowNotFoundError) {
      return new DomainError(
        'CASE_CLOSED',
        'the case is no longer running; no further actions are possible',
        { caseId },
      );
    }
    if (error instanceof TemporalSilence) {
      this.logger.warn({
        message: 'case action unanswered',
        caseId,
        action: command.type,
        silence: error.silence,
      });
      return unansweredError({ caseId }, error, keyed);
    }
    if (error instanceof ServiceError || isGrpcServiceError(error)) {
      return new DomainError(
        'TEMPORAL_UNAVAILABLE',
        'the workflow service is unavailable; try again shortly',
        { caseId },
      );
    }
    this.logger.error({ message: 'unexpected error applying case action', caseId, error: String(error) });
    return new DomainError('TEMPORAL_UNAVAILABLE', 'the action could not be applied; try again shortly', {
      caseId,
    });
  }
}

/**
 * Applicants see only the coarse status, so a refusal they receive keeps its code but loses the internal stage,
 * the actions officers could take, and any message that names them.
 */
function forApplicant(error: unknown, caseId: string): unknown {
  if (!(error instanceof DomainError)) return error;
  const refusal: DomainError = error as DomainError;
  if (refusal.details.stage === undefined && refusal.details.allowedActions === undefined) return refusal;
  return new DomainError(
    refusal.code,
    'this is not possible at the moment; sign in to see where your application is',
    {
      caseId,
    },
  );
}

/**
 * What a client is told when Temporal did not answer. An update that no worker has accepted is not durable (it
 * is lost if Temporal restarts), so nothing is promised: the action is not applied, and a retry with the same
 * Idempotency-Key applies it at most once (the key is the update's id) or returns the result if it did land.
 * Shared with the clearance actions, which send their updates the same way.
 */
export function unansweredError(
  details: DomainErrorDetails,
  silence: TemporalSilence,
  keyed: boolean,
): DomainError {
  const retry = keyed
    ? 'Retry with the same Idempotency-Key: a retry applies it at most once, or returns its result if it landed meanwhile.'
    : 'Retry with an Idempotency-Key header so that a retry can never apply it twice.';
  if (silence.silence === 'TEMPORAL_DOWN') {
    return new DomainError(
      'TEMPORAL_UNAVAILABLE',
      `the workflow service (Temporal) is not answering, so the action has not been applied. ${retry}`,
      details,
    );
  }
  return new DomainError(
    'WORKER_UNAVAILABLE',
    `no case worker answered within ${silence.budgetMs} ms, so the action has not been applied; it is not queued. ${retry}`,
    details,
  );
}

function rejectionError(caseId: string, rejection: Rejection): DomainError {
  return new DomainError(rejection.code, rejection.message, {
    caseId,
    stage: rejection.stage,
    allowedActions: rejection.allowedActions,
  });
}
