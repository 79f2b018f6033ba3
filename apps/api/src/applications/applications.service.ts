import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { QueryFailedError, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import {
  ApplicationInput,
  awaitScreeningUpdate,
  caseWorkflowId,
  CaseSnapshot,
  VettingCaseInput,
} from '../../../../libs/contracts/src';
import { DomainError, Principal } from '../../../../libs/domain/src';
import { validateAddressHistory } from '../../../../libs/domain/src/eligibility';
import { ApplicationIntakeEntity } from '../../../../libs/persistence/src';
import { CasesService } from '../cases/cases.service';
import { InvitationsService } from '../invitations/invitations.service';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import type { vettingCaseWorkflow } from '../../../../workflows';
import { SubmitApplicationDto } from './submit-application.dto';

export interface SubmissionResult {
  created: boolean;
  caseId: string;
  /** The case after screening, or null if the worker had not screened it within the timeout. */
  snapshot: CaseSnapshot | null;
}

/** Accepts applications: one case per Idempotency-Key and per person with an open case, then starts its workflow. */
@Injectable()
export class ApplicationsService {
  private readonly logger = new Logger(ApplicationsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @InjectRepository(ApplicationIntakeEntity) private readonly intake: Repository<ApplicationIntakeEntity>,
    private readonly cases: CasesService,
    private readonly invitations: InvitationsService,
  ) {}

  async submit(
    principal: Principal,
    dto: SubmitApplicationDto,
    idempotencyKey: string | undefined,
  ): Promise<SubmissionResult> {
    const application = toApplicationInput(dto);
    const today = new Date().toISOString().slice(0, 10);
    const problems = validateAddressHistory(application.addressHistory, today);
    if (problems.length > 0) {
      throw new DomainError('VALIDATION_FAILED', `invalid address history: ${problems.join('; ')}`, {
        fields: [{ field: 'addressHistory', problems }],
      });
    }
    // Checked before any case exists, so an invitation that is not theirs or not open leaves nothing behind.
    const invitation = dto.invitationId
      ? await this.invitations.requireUsableBy(principal, dto.invitationId)
      : null;
    if (invitation) {
      if (application.sponsorId !== null && application.sponsorId !== invitation.sponsorId) {
        throw new DomainError('VALIDATION_FAILED', 'sponsorId must be the sponsor who sent the invitation', {
          fields: [{ field: 'sponsorId', problems: ['differs from the invitation'] }],
        });
      }
      application.sponsorId = invitation.sponsorId;
    }

    const personKey = createHmac('sha256', this.config.personKeySecret)
      .update(application.email.trim().toLowerCase())
      .digest('hex');
    const requestHash = createHash('sha256').update(JSON.stringify(application)).digest('hex');
    if (invitation?.status === 'ACCEPTED') {
      // Only a repeat of the submission it was accepted with may name it again; anything else would make a case.
      const existing = await this.findExisting(idempotencyKey ?? null, personKey, requestHash);
      if (existing?.caseId !== invitation.caseId)
        throw new DomainError('CASE_CLOSED', 'the invitation was already used for an application');
    }
    const { row, created } = await this.findOrCreateIntake(idempotencyKey ?? null, personKey, requestHash);
    if (created) this.logger.log({ message: 'application received', caseId: row.caseId });
    else this.logger.log({ message: 'repeat submission resolved to existing case', caseId: row.caseId });

    if (row.closedAt === null) await this.ensureWorkflow(row, application, principal.subject);
    if (invitation?.status === 'OPEN') {
      await this.invitations.accept(principal, invitation.invitationId, row.caseId);
    }
    return { created, caseId: row.caseId, snapshot: await this.screenedSnapshot(row.caseId) };
  }

  private async findOrCreateIntake(
    idempotencyKey: string | null,
    personKey: string,
    requestHash: string,
  ): Promise<{ row: ApplicationIntakeEntity; created: boolean }> {
    const existing = await this.findExisting(idempotencyKey, personKey, requestHash);
    if (existing) return { row: existing, created: false };
    const row = this.intake.create({
      caseId: randomUUID(),
      idempotencyKey,
      personKey,
      requestHash,
      closedAt: null,
    });
    try {
      return { row: await this.intake.save(row), created: true };
    } catch (error) {
      // A concurrent submission won the unique index: answer with its case.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        const winner = await this.findExisting(idempotencyKey, personKey, requestHash);
        if (winner) return { row: winner, created: false };
      }
      throw error;
    }
  }

  private async findExisting(
    idempotencyKey: string | null,
    personKey: string,
    requestHash: string,
  ): Promise<ApplicationIntakeEntity | null> {
    if (idempotencyKey) {
      const byKey = await this.intake.findOneBy({ idempotencyKey });
      if (byKey && byKey.requestHash !== requestHash) {
        throw new DomainError(
          'IDEMPOTENCY_KEY_REUSED',
          'this Idempotency-Key was already used for a different application; use a new key for a new application',
        );
      }
      if (byKey) return byKey;
    }
    return this.intake
      .createQueryBuilder('i')
      .where('i.person_key = :personKey', { personKey })
      .andWhere('i.closed_at IS NULL')
      .getOne();
  }

  private async ensureWorkflow(
    row: ApplicationIntakeEntity,
    application: ApplicationInput,
    applicantId: string,
  ): Promise<void> {
    const input: VettingCaseInput = {
      caseId: row.caseId,
      applicantId,
      team: this.config.defaultTeam,
      dv: this.config.dv,
      clock: {
        policy: this.config.clock.policy,
        teamLeadId: this.config.clock.teamLeads[this.config.defaultTeam] ?? null,
      },
      application,
      policy: this.config.policy,
      stageDurationsMs: this.config.stageDurationsMs,
      receivedAt: row.createdAt.toISOString(),
    };
    try {
      await this.temporal.withDeadline(Date.now() + this.config.updateTimeoutMs, () =>
        this.temporal.workflow.start<typeof vettingCaseWorkflow>('vettingCaseWorkflow', {
          workflowId: caseWorkflowId(row.caseId),
          taskQueue: this.config.temporal.taskQueue,
          args: [input],
          // A retried submission re-attaches to the running case instead of starting another.
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      throw new DomainError(
        'TEMPORAL_UNAVAILABLE',
        'the application was recorded but its case could not be started yet; resubmit with the same Idempotency-Key',
        { caseId: row.caseId },
      );
    }
  }

  private async screenedSnapshot(caseId: string): Promise<CaseSnapshot | null> {
    try {
      return await this.temporal.withDeadline(Date.now() + this.config.updateTimeoutMs, () =>
        this.temporal.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(awaitScreeningUpdate),
      );
    } catch {
      // Closed already (e.g. ineligible) or no worker yet: the read-model has whatever was recorded.
      return this.cases.findSnapshot(caseId);
    }
  }
}

function toApplicationInput(dto: SubmitApplicationDto): ApplicationInput {
  return {
    givenName: dto.givenName.trim(),
    familyName: dto.familyName.trim(),
    email: dto.email.trim(),
    dateOfBirth: dto.dateOfBirth,
    intendedStartDate: dto.intendedStartDate,
    nationality: {
      status: dto.nationality.status,
      otherNationalities: [...dto.nationality.otherNationalities],
    },
    addressHistory: dto.addressHistory.map((a) => ({ country: a.country, from: a.from, to: a.to })),
    residenceExceptionReason: dto.residenceExceptionReason ?? null,
    discretionAcknowledged: dto.discretionAcknowledged,
    sponsorId: dto.sponsorId ?? null,
  };
}
