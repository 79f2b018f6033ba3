import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OPEN_STAGES } from '../../../../libs/domain/src';
import { DashboardSummaryView, StageFigures } from './dashboard.views';

interface StageRow {
  stage: string;
  open: string;
  median_days: string | null;
}

/** Aggregates for HR dashboards. Only counts and durations: never a name or a finding. */
@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async summary(): Promise<DashboardSummaryView> {
    const rows: StageRow[] = await this.db.query(
      `SELECT stage, count(*) AS open,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM now() - stage_entered_at) / 86400) AS median_days
         FROM vetting_case WHERE status = 'OPEN' GROUP BY stage`,
    );
    const closed: { outcome: string; count: string }[] = await this.db.query(
      `SELECT outcome, count(*) AS count FROM vetting_case WHERE status = 'CLOSED' GROUP BY outcome`,
    );
    const oldest: { id: string; stage: string; opened_at: Date }[] = await this.db.query(
      `SELECT id, stage, opened_at FROM vetting_case WHERE status = 'OPEN' ORDER BY opened_at ASC, id LIMIT 1`,
    );
    const byStage = new Map(rows.map((r) => [r.stage, r]));
    const stages: StageFigures[] = OPEN_STAGES.map((stage) => {
      const row = byStage.get(stage);
      return {
        stage,
        openCases: row ? Number(row.open) : 0,
        medianDaysInStage: row?.median_days == null ? null : Math.round(Number(row.median_days) * 10) / 10,
      };
    });
    const first = oldest[0];
    return {
      generatedAt: new Date().toISOString(),
      openCases: stages.reduce((n, s) => n + s.openCases, 0),
      stages,
      closedByOutcome: Object.fromEntries(closed.map((c) => [c.outcome, Number(c.count)])),
      oldestOpenCase: first
        ? {
            id: first.id,
            stage: first.stage,
            openedAt: first.opened_at.toISOString(),
            ageDays: Math.floor((Date.now() - first.opened_at.getTime()) / 86_400_000),
          }
        : null,
    };
  }
}
