import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Client,
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import {
  acceptInvitationUpdate,
  INVITATION_REJECTED_FAILURE_TYPE,
  InvitationInput,
  invitationOpenedUpdate,
  InvitationRejection,
  InvitationStatus,
  InvitationView,
  ListPage,
  invitationWorkflowId,
  withdrawInvitationUpdate,
} from '../../../../libs/contracts/src';
import { DomainError, Principal } from '../../../../libs/domain/src';
import { InvitationStore } from '../../../../libs/persistence/src';
import { TemporalBudget, TemporalSilence } from '../temporal/temporal-budget';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import type { invitationWorkflow } from '../../../../workflows';

/** Sponsor invitations: starts their workflows, reads them for the two people concerned, sends them updates. */
@Injectable()
export class InvitationsService {
  private readonly logger = new Logger(InvitationsService.name);
  private readonly store: InvitationStore;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.store = new InvitationStore(dataSource);
  }

  /** Starts an invitation from `sponsor` to `applicantId`, and returns it once it is stored. */
  async create(sponsor: Principal, applicantId: string): Promise<InvitationView> {
    const input: InvitationInput = {
      invitationId: randomUUID(),
      sponsorId: sponsor.subject,
      applicantId,
      clockPolicy: this.config.clock.policy,
      createdAt: new Date().toISOString(),
    };
    const workflowId = invitationWorkflowId(input.invitationId);
    try {
      await new TemporalBudget(this.temporal, this.config.updateTimeoutMs).send(() =>
        this.temporal.workflow.start<typeof invitationWorkflow>('invitationWorkflow', {
          workflowId,
          taskQueue: this.config.temporal.taskQueue,
          args: [input],
        }),
      );
    } catch (error) {
      this.logger.warn({ message: 'invitation workflow could not be started', error: String(error) });
      throw new DomainError('TEMPORAL_UNAVAILABLE', 'the invitation could not be made; try again shortly');
    }
    this.logger.log({ message: 'invitation started', invitationId: input.invitationId });
    try {
      return await new TemporalBudget(this.temporal, this.config.updateTimeoutMs).send(() =>
        this.temporal.workflow.getHandle(workflowId).executeUpdate(invitationOpenedUpdate),
      );
    } catch {
      // Started but not yet stored (no worker right now): it will be, and it is OPEN until then.
      const { invitationId, sponsorId, createdAt } = input;
      return {
        invitationId,
        sponsorId,
        applicantId,
        status: 'OPEN',
        caseId: null,
        createdAt,
        closedAt: null,
        chasersSent: 0,
      };
    }
  }

  /** The invitation, if the principal is its sponsor or its invited applicant; otherwise as if it did not exist. */
  async findFor(principal: Principal, invitationId: string): Promise<InvitationView> {
    const invitation = await this.store.find(invitationId);
    const concerned =
      invitation &&
      ((principal.roles.includes('SPONSOR') && invitation.sponsorId === principal.subject) ||
        (principal.roles.includes('APPLICANT') && invitation.applicantId === principal.subject));
    if (!invitation || !concerned) throw notFound(invitationId);
    return invitation;
  }

  /** The invitations the sponsor sent, newest first, a page at a time; nobody else's. */
  async listSent(
    sponsor: Principal,
    query: { status?: InvitationStatus; page: number; pageSize: number },
  ): Promise<ListPage<InvitationView>> {
    const { items, total } = await this.store.listBySponsor(sponsor.subject, query);
    return {
      items,
      page: query.page,
      pageSize: query.pageSize,
      total,
      totalPages: Math.ceil(total / query.pageSize),
    };
  }

  /**
   * The sponsor takes back an open invitation; no further reminders go to the applicant. Idempotent: withdrawing
   * one already withdrawn answers it unchanged (a repeated click, a retried request), while one accepted or lapsed
   * is refused (409).
   */
  async withdraw(sponsor: Principal, invitationId: string): Promise<InvitationView> {
    const invitation = await this.store.find(invitationId);
    if (!invitation || invitation.sponsorId !== sponsor.subject) throw notFound(invitationId);
    if (invitation.status === 'WITHDRAWN') return invitation;
    requireOpen(invitation);
    return this.update(invitationId, () =>
      this.temporal.workflow
        .getHandle(invitationWorkflowId(invitationId))
        .executeUpdate(withdrawInvitationUpdate, { args: [{ sponsorId: sponsor.subject }] }),
    );
  }

  /**
   * Checks, before a case is created, that the applicant may apply under this invitation: it is theirs (else
   * 404) and still open (else 409). An invitation already accepted is returned, so a repeated submission can
   * find the case it was linked to.
   */
  async requireUsableBy(applicant: Principal, invitationId: string): Promise<InvitationView> {
    const invitation = await this.store.find(invitationId);
    if (!invitation || invitation.applicantId !== applicant.subject) throw notFound(invitationId);
    if (invitation.status !== 'ACCEPTED') requireOpen(invitation);
    return invitation;
  }

  /** Links the invitation to the case its applicant's application became, ending it as ACCEPTED. */
  async accept(
    applicant: Principal,
    invitationId: string,
    caseId: string,
    budget?: TemporalBudget,
  ): Promise<InvitationView> {
    return this.update(
      invitationId,
      () =>
        this.temporal.workflow
          .getHandle(invitationWorkflowId(invitationId))
          .executeUpdate(acceptInvitationUpdate, { args: [{ applicantId: applicant.subject, caseId }] }),
      budget,
    );
  }

  /** Sends one update within `budget` (the request's, when it makes other calls too; else UPDATE_TIMEOUT_MS). */
  private async update(
    invitationId: string,
    send: () => Promise<InvitationView>,
    budget = new TemporalBudget(this.temporal, this.config.updateTimeoutMs),
  ): Promise<InvitationView> {
    try {
      const view = await budget.send(send);
      this.logger.log({ message: 'invitation updated', invitationId, status: view.status });
      return view;
    } catch (error) {
      throw this.translate(invitationId, error);
    }
  }

  private translate(invitationId: string, error: unknown): DomainError {
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = error.cause;
      if (cause instanceof ApplicationFailure && cause.type === INVITATION_REJECTED_FAILURE_TYPE) {
        const rejection = cause.details?.[0] as InvitationRejection | undefined;
        if (rejection?.code === 'NOT_FOUND') return notFound(invitationId);
        return new DomainError('CASE_CLOSED', rejection?.message ?? 'the invitation is no longer open');
      }
    }
    if (error instanceof WorkflowNotFoundError) {
      return new DomainError('CASE_CLOSED', 'the invitation is no longer open');
    }
    if (error instanceof TemporalSilence) {
      // Not applied and not queued: an update no worker accepted is not durable. Retrying is safe (same state).
      return error.silence === 'TEMPORAL_DOWN'
        ? new DomainError(
            'TEMPORAL_UNAVAILABLE',
            'the workflow service (Temporal) is not answering, so the invitation has not been changed; try again shortly',
          )
        : new DomainError(
            'WORKER_UNAVAILABLE',
            `no worker answered within ${error.budgetMs} ms, so the invitation has not been changed; try again shortly`,
          );
    }
    if (!(error instanceof ServiceError || isGrpcServiceError(error))) {
      this.logger.error({
        message: 'unexpected invitation update error',
        invitationId,
        error: String(error),
      });
    }
    return new DomainError('TEMPORAL_UNAVAILABLE', 'the invitation could not be updated; try again shortly');
  }
}

function notFound(invitationId: string): DomainError {
  return new DomainError('CASE_NOT_FOUND', `no invitation with id ${invitationId}`);
}

function requireOpen(invitation: InvitationView): void {
  if (invitation.status !== 'OPEN') {
    throw new DomainError(
      'CASE_CLOSED',
      `the invitation is ${invitation.status.toLowerCase()} and can no longer be used or withdrawn`,
    );
  }
}
