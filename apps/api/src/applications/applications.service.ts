import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { QueryFailedError, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, newCasePolicy } from '../../../../libs/config/src';
import {
  ApplicationInput,
  awaitScreeningUpdate,
  caseWorkflowId,
  CaseSnapshot,
  VettingCaseInput,
} from '../../../../libs/contracts/src';
import { DomainError, Principal } from '../../../../libs/domain/src';
import { validateAddressHistory } from '../../../../libs/domain/src';
import { ApplicationIntakeEntity } from '../../../../libs/persistence/src';
import { CasesService } from '../cases/cases.service';
import { InvitationsService } from '../invitations/invitations.service';
import { TemporalBudget } from '../temporal/temporal-budget';
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
    // Sponsorship comes only from an invitation the sponsor sent, never from what the applicant asserts.
    application.sponsorId = invitation?.sponsorId ?? null;
    const sponsorHold = this.sponsorHoldFor(dto, invitation !== null);

    const personKey = createHmac('sha256', this.config.personKeySecret)
      .update(application.email.trim().toLowerCase())
      .digest('hex');
    const requestHash = createHash('sha256').update(JSON.stringify(application)).digest('hex');
    if (invitation?.status === 'ACCEPTED') {
      // Only a repeat of the submission it was accepted with may name it again; anything else would make a case.
      const existing = await this.findExisting(principal, idempotencyKey ?? null, personKey, requestHash);
      if (existing?.caseId !== invitation.caseId)
        throw new DomainError('CASE_CLOSED', 'the invitation was already used for an application');
    }
    const { row, created } = await this.findOrCreateIntake(
      principal,
      idempotencyKey ?? null,
      personKey,
      requestHash,
    );
    if (created) this.logger.log({ message: 'application received', caseId: row.caseId });
    if (created && row.possibleDuplicateOf) {
      // Told to officers through the case, never to the applicant: the answer above is the same either way.
      this.logger.warn({
        message: 'possible duplicate identity: another account has an open case for the same person',
        caseId: row.caseId,
        possibleDuplicateOf: row.possibleDuplicateOf,
      });
    } else this.logger.log({ message: 'repeat submission resolved to existing case', caseId: row.caseId });

    // One budget for every call to Temporal below, so the submission answers within UPDATE_TIMEOUT_MS.
    const budget = new TemporalBudget(this.temporal, this.config.updateTimeoutMs);
    if (row.closedAt === null)
      await this.ensureWorkflow(row, application, principal.subject, budget, sponsorHold);
    if (invitation?.status === 'OPEN') {
      await this.invitations.accept(principal, invitation.invitationId, row.caseId, budget);
    }
    return { created, caseId: row.caseId, snapshot: await this.screenedSnapshot(row.caseId, budget) };
  }

  private async findOrCreateIntake(
    principal: Principal,
    idempotencyKey: string | null,
    personKey: string,
    requestHash: string,
  ): Promise<{ row: ApplicationIntakeEntity; created: boolean }> {
    const existing = await this.findExisting(principal, idempotencyKey, personKey, requestHash);
    if (existing) return { row: existing, created: false };
    // The same identity with an open case under another account: not this caller's business (they get a case
    // of their own, answered exactly as any other), but an officer's, so it is recorded on the new case.
    const elsewhere = await this.intake
      .createQueryBuilder('i')
      .where('i.person_key = :personKey AND i.closed_at IS NULL', { personKey })
      .andWhere('i.applicant_id IS DISTINCT FROM :subject', { subject: principal.subject })
      .orderBy('i.created_at', 'ASC')
      .getOne();
    const row = this.intake.create({
      caseId: randomUUID(),
      applicantId: principal.subject,
      idempotencyKey,
      personKey,
      requestHash,
      possibleDuplicateOf: elsewhere?.caseId ?? null,
      closedAt: null,
    });
    try {
      return { row: await this.intake.save(row), created: true };
    } catch (error) {
      // A concurrent submission won the unique index: answer with its case.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        const winner = await this.findExisting(principal, idempotencyKey, personKey, requestHash);
        if (winner) return { row: winner, created: false };
      }
      throw error;
    }
  }

  /** The caller's own earlier submission this one repeats: by their Idempotency-Key, or their open case. */
  private async findExisting(
    principal: Principal,
    idempotencyKey: string | null,
    personKey: string,
    requestHash: string,
  ): Promise<ApplicationIntakeEntity | null> {
    if (idempotencyKey) {
      // Keys are scoped to the principal: someone else's key is just an unused key here.
      const byKey = await this.intake.findOneBy({ idempotencyKey, applicantId: principal.subject });
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
      .andWhere('i.applicant_id = :subject', { subject: principal.subject })
      .andWhere('i.closed_at IS NULL')
      .getOne();
  }

  private async ensureWorkflow(
    row: ApplicationIntakeEntity,
    application: ApplicationInput,
    applicantId: string,
    budget: TemporalBudget,
    sponsorHold: VettingCaseInput['sponsorHold'],
  ): Promise<void> {
    const input: VettingCaseInput = {
      caseId: row.caseId,
      applicantId,
      ...newCasePolicy(this.config),
      application,
      receivedAt: row.createdAt.toISOString(),
      ...(sponsorHold ? { sponsorHold } : {}),
    };
    try {
      await budget.send(() =>
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

  /**
   * An application that names no invitation waits for the sponsor it names (HOLD, the default): it must name one,
   * and only that sponsor sees the request. Whether the reference is a real sponsor is not checked (nor told): an
   * unknown one simply lapses, so the form is no oracle for who the sponsors are.
   */
  private sponsorHoldFor(
    dto: SubmitApplicationDto,
    invited: boolean,
  ): VettingCaseInput['sponsorHold'] | undefined {
    if (invited || this.config.withoutInvitation === 'SCREEN') return undefined;
    if (!dto.sponsorReference) {
      const problem = 'name your sponsor (sponsorReference) or apply through their invitation (invitationId)';
      throw new DomainError('VALIDATION_FAILED', problem, {
        fields: [{ field: 'sponsorReference', problems: [problem] }],
      });
    }
    return {
      requestedSponsorId: dto.sponsorReference,
      confirmWithinMs: this.config.sponsorConfirmationMs,
      remindBeforeLapseMs: this.config.sponsorReminderBeforeLapseMs,
    };
  }

  private async screenedSnapshot(caseId: string, budget: TemporalBudget): Promise<CaseSnapshot | null> {
    try {
      return await budget.send(() =>
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
    sponsorId: null,
  };
}
