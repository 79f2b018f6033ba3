import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Client,
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, UpdateDefinition } from '@temporalio/common';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import {
  caseWorkflowId,
  CaseSnapshot,
  COMMAND_UPDATES,
  REJECTION_FAILURE_TYPE,
} from '../../../../libs/contracts/src';
import {
  CaseCommand,
  CaseView,
  DomainError,
  evaluateCommand,
  Principal,
  Rejection,
} from '../../../../libs/domain/src';
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

/** Whose relation to a case lets them issue each command (the role check happens earlier, in the guard). */
const VIEWS_THAT_MAY_ACT: Record<CommandRequest['type'], readonly CaseView[]> = {
  ASSIGN_OFFICER: ['FULL'],
  DECIDE_RESIDENCY_EXCEPTION: ['FULL'],
  SUBMIT_QUESTIONNAIRE: ['APPLICANT'],
  ACCEPT_QUESTIONNAIRE: ['FULL'],
  RETURN_QUESTIONNAIRE: ['FULL'],
  COMPLETE_STAGE: ['FULL'],
  OPEN_TASK: ['FULL'],
  UPDATE_TASK: ['FULL'],
  CLOSE_TASK: ['FULL'],
  WAIVE_TASK: ['FULL'],
  SUBSTITUTE_REFEREE: ['FULL'],
  RECORD_RECOMMENDATION: ['FULL'],
  RETURN_TO_INVESTIGATION: ['FULL'],
  RECORD_DECISION: ['FULL'],
  WITHDRAW: ['APPLICANT', 'SPONSOR'],
  PAUSE_CLOCK: ['FULL'],
  RESUME_CLOCK: ['FULL'],
  EXTEND_DEADLINE: ['FULL'],
};

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
    if (!VIEWS_THAT_MAY_ACT[request.type].includes(view)) {
      throw new DomainError('CASE_NOT_FOUND', `no case with id ${caseId}`, { caseId });
    }
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
      const snapshot = await this.temporal.withDeadline(Date.now() + this.config.updateTimeoutMs, () =>
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
      throw this.translate(caseId, command, error);
    }
  }

  private translate(caseId: string, command: CaseCommand, error: unknown): DomainError {
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
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isDeadline(error)) {
      this.logger.warn({
        message: 'no worker answered the case action in time',
        caseId,
        action: command.type,
      });
      return new DomainError(
        'WORKER_UNAVAILABLE',
        `no case worker answered within ${this.config.updateTimeoutMs} ms; the action is queued and will be checked when a worker picks the case up — retry with the same Idempotency-Key to see its result`,
        { caseId },
      );
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

function isDeadline(error: unknown): boolean {
  const grpc = error instanceof ServiceError ? error.cause : error;
  return (
    isGrpcServiceError(grpc) &&
    (grpc.code === GrpcStatus.DEADLINE_EXCEEDED || grpc.code === GrpcStatus.CANCELLED)
  );
}

function rejectionError(caseId: string, rejection: Rejection): DomainError {
  return new DomainError(rejection.code, rejection.message, {
    caseId,
    stage: rejection.stage,
    allowedActions: rejection.allowedActions,
  });
}
