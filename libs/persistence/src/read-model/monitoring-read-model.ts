import type { DataSource } from 'typeorm';
import type {
  GroupStageCount,
  MonitoringAnswers,
  MonitoringCategory,
  StageGroup,
} from '../../../domain/src/monitoring';
import { MONITORING_CATEGORIES, STAGE_GROUPS, STAGES_BY_GROUP } from '../../../domain/src/monitoring';
import { MONITORING_RESPONSE_COLUMNS } from '../entities/monitoring-response.entity';

const COLUMNS = MONITORING_CATEGORIES.map((category) => MONITORING_RESPONSE_COLUMNS[category]);

/**
 * Voluntary equal-opportunity answers: written once per case, read back only as counts per group and stage
 * group (the caller suppresses them). There is deliberately no way to read one applicant's answers.
 */
export class MonitoringReadModel {
  constructor(private readonly db: DataSource) {}

  /** Records (or replaces) a case's answers; the same answers again leave the row (and submitted_at) alone. */
  async recordAnswers(caseId: string, answers: MonitoringAnswers): Promise<void> {
    const values = MONITORING_CATEGORIES.map((category) => answers[category] ?? null);
    const placeholders = COLUMNS.map((_, i) => `$${i + 2}`).join(', ');
    await this.db.query(
      `INSERT INTO monitoring.response AS r (case_id, ${COLUMNS.join(', ')}, submitted_at)
       VALUES ($1, ${placeholders}, now())
       ON CONFLICT (case_id) DO UPDATE
         SET ${COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
             submitted_at = EXCLUDED.submitted_at, version = r.version + 1
         WHERE (${COLUMNS.map((c) => `r.${c}`).join(', ')}) IS DISTINCT FROM (${COLUMNS.map((c) => `EXCLUDED.${c}`).join(', ')})`,
      [caseId, ...values],
    );
  }

  /** Every case counted by its answer to `category` (NOT_ANSWERED when none) and its stage group. */
  async countsByGroupAndStage(category: MonitoringCategory): Promise<GroupStageCount[]> {
    const column = MONITORING_RESPONSE_COLUMNS[category];
    const stageGroupCase = STAGE_GROUPS.map(
      (group, i) => `WHEN c.stage = ANY($${i + 1}::text[]) THEN '${group}'`,
    );
    const rows = await this.db.query<{ answer: string; stage_group: string | null; count: number }[]>(
      `SELECT coalesce(r.${column}, 'NOT_ANSWERED') AS answer,
              CASE ${stageGroupCase.join(' ')} END AS stage_group,
              count(*)::int AS count
         FROM vetting_case c
         LEFT JOIN monitoring.response r ON r.case_id = c.id
        GROUP BY 1, 2`,
      STAGE_GROUPS.map((group) => [...STAGES_BY_GROUP[group]]),
    );
    return rows.map((row) => ({
      group: row.answer,
      stageGroup: asStageGroup(row.stage_group),
      count: row.count,
    }));
  }
}

function asStageGroup(value: string | null): StageGroup {
  const group = STAGE_GROUPS.find((g) => g === value);
  if (!group) throw new Error(`a case is in a stage no stage group covers (${String(value)})`);
  return group;
}
