import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, Principal } from '../../../../libs/domain/src';
import {
  buildEqualOpportunityReport,
  GroupStageCount,
  MONITORING_CATEGORIES,
  MonitoringAnswers,
  MonitoringCategory,
  STAGE_GROUPS,
  STAGES_BY_GROUP,
  StageGroup,
  SuppressionPolicy,
} from '../../../../libs/domain/src/monitoring';
import { MONITORING_RESPONSE_COLUMNS } from '../../../../libs/persistence/src/entities/monitoring-response.entity';
import { CasesService } from '../cases/cases.service';
import { EqualOpportunityView } from './dto/equal-opportunity.dto';

/** Token for the suppression policy applied to every equal-opportunity figure. */
export const SUPPRESSION_POLICY = Symbol('SUPPRESSION_POLICY');

interface AggregateRow {
  answer: string;
  stage_group: string;
  count: number;
}

const COLUMNS = MONITORING_CATEGORIES.map((category) => MONITORING_RESPONSE_COLUMNS[category]);

/**
 * Voluntary equal-opportunity answers: written once per case, read back only as suppressed aggregates. There
 * is deliberately no way to read one applicant's answers.
 */
@Injectable()
export class MonitoringService {
  private readonly logger = new Logger(MonitoringService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
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
    const values = MONITORING_CATEGORIES.map((category) => answers[category] ?? null);
    const placeholders = COLUMNS.map((_, i) => `$${i + 2}`).join(', ');
    // Unchanged answers leave the row alone, so submitted_at stays the time they were last actually given.
    await this.db.query(
      `INSERT INTO monitoring.response AS r (case_id, ${COLUMNS.join(', ')}, submitted_at)
       VALUES ($1, ${placeholders}, now())
       ON CONFLICT (case_id) DO UPDATE
         SET ${COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
             submitted_at = EXCLUDED.submitted_at, version = r.version + 1
         WHERE (${COLUMNS.map((c) => `r.${c}`).join(', ')}) IS DISTINCT FROM (${COLUMNS.map((c) => `EXCLUDED.${c}`).join(', ')})`,
      [caseId, ...values],
    );
    this.logger.log({ message: 'monitoring answers recorded', caseId });
  }

  /** The funnel per group of one category, counted in SQL and suppressed before it leaves this service. */
  async report(category: MonitoringCategory): Promise<EqualOpportunityView> {
    const column = MONITORING_RESPONSE_COLUMNS[category];
    const stageGroupCase = STAGE_GROUPS.map(
      (group, i) => `WHEN c.stage = ANY($${i + 1}::text[]) THEN '${group}'`,
    );
    const rows: AggregateRow[] = await this.db.query(
      `SELECT coalesce(r.${column}, 'NOT_ANSWERED') AS answer,
              CASE ${stageGroupCase.join(' ')} END AS stage_group,
              count(*)::int AS count
         FROM vetting_case c
         LEFT JOIN monitoring.response r ON r.case_id = c.id
        GROUP BY 1, 2`,
      STAGE_GROUPS.map((group) => [...STAGES_BY_GROUP[group]]),
    );
    const counts: GroupStageCount[] = rows.map((row) => ({
      group: row.answer,
      stageGroup: asStageGroup(row.stage_group),
      count: row.count,
    }));
    return {
      generatedAt: new Date().toISOString(),
      ...buildEqualOpportunityReport(category, counts, this.policy),
    };
  }
}

function asStageGroup(value: string | null): StageGroup {
  const group = STAGE_GROUPS.find((g) => g === value);
  if (!group) throw new Error(`a case is in a stage no stage group covers (${String(value)})`);
  return group;
}
