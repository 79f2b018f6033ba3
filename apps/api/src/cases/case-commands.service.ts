import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { UpdateDefinition } from '@temporalio/common';
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
  evaluateCommand,
  fourEyesConflict,
  isDecidingAction,
  Principal,
  Rejection,
  viewsThatMayAct,
} from '../../../../libs/domain/src';
import { StaffDirectoryStore, CaseRecord } from '../../../../libs/persistence/src';
import { TemporalBudget } from '../temporal/temporal-budget';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { translateUpdateFailure } from '../temporal/update-failure';
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
    return translateUpdateFailure<Rejection>(error, {
      what: 'case',
      subject: { caseId },
      action: command.type,
      keyed,
      rejectionType: REJECTION_FAILURE_TYPE,
      refusal: (rejection) => rejectionError(caseId, rejection),
      notFound: () =>
        new DomainError('CASE_CLOSED', 'the case is no longer running; no further actions are possible', {
          caseId,
        }),
      logger: this.logger,
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

function rejectionError(caseId: string, rejection: Rejection): DomainError {
  return new DomainError(rejection.code, rejection.message, {
    caseId,
    stage: rejection.stage,
    allowedActions: rejection.allowedActions,
  });
}
