import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  buildEqualOpportunityReport,
  DomainError,
  MonitoringAnswers,
  MonitoringCategory,
  Principal,
  SuppressionPolicy,
} from '../../../../libs/domain/src';
import { MonitoringReadModel } from '../../../../libs/persistence/src';
import { CasesService } from '../cases/cases.service';
import { EqualOpportunityView } from './dto/equal-opportunity.dto';

/** Token for the suppression policy applied to every equal-opportunity figure. */
export const SUPPRESSION_POLICY = Symbol('SUPPRESSION_POLICY');

/**
 * Voluntary equal-opportunity answers: written once per case, read back only as suppressed aggregates. There
 * is deliberately no way to read one applicant's answers.
 */
@Injectable()
export class MonitoringService {
  private readonly logger = new Logger(MonitoringService.name);

  constructor(
    private readonly readModel: MonitoringReadModel,
    private readonly cases: CasesService,
    @Inject(SUPPRESSION_POLICY) private readonly policy: SuppressionPolicy,
  ) {}

  /** Records (or replaces) the applicant's answers for their own case; a repeat with the same answers is a no-op. */
  async submit(principal: Principal, caseId: string, answers: MonitoringAnswers): Promise<void> {
    const snapshot = await this.cases.requireSnapshot(caseId);
    // Someone else's case answers exactly like a missing one: its existence is not the caller's to learn.
    if (snapshot.applicantId !== principal.subject) {
      throw new DomainError('CASE_NOT_FOUND', `no case with id ${caseId}`, { caseId });
    }
    // Unchanged answers leave the row alone, so submitted_at stays the time they were last actually given.
    await this.readModel.recordAnswers(caseId, answers);
    this.logger.log({ message: 'monitoring answers recorded', caseId });
  }

  /** The funnel per group of one category, counted in SQL and suppressed before it leaves this service. */
  async report(category: MonitoringCategory): Promise<EqualOpportunityView> {
    const counts = await this.readModel.countsByGroupAndStage(category);
    return {
      generatedAt: new Date().toISOString(),
      ...buildEqualOpportunityReport(category, counts, this.policy),
    };
  }
}
