import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import { OPEN_STAGES } from '../../../../libs/domain/src';
import { calendarHolidays, workingDaysBetween } from '../../../../libs/domain/src/clock';
import { DashboardSummaryView, SlaFigures, StageFigures } from './dashboard.views';

interface StageRow {
  stage: string;
  open: string;
  median_days: string | null;
}

/** Aggregates for HR dashboards. Only counts and durations: never a name or a finding. */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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
    const sla = await this.slaFigures();
    return {
      sla,
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

  /** Service-level figures: decided within the DV target, open cases past their stage deadline, working days per stage. */
  private async slaFigures(): Promise<SlaFigures> {
    const [decided] = await this.db.query<{ decided: string; within: string }[]>(
      `SELECT count(*) FILTER (WHERE target_met IS NOT NULL) AS decided, count(*) FILTER (WHERE target_met) AS within
         FROM vetting_case WHERE status = 'CLOSED'`,
    );
    const breached = await this.db.query<{ stage: string; breached: string; at_risk: string }[]>(
      `SELECT stage,
              count(*) FILTER (WHERE COALESCE(clock_paused_since, now()) > stage_due_at) AS breached,
              count(*) FILTER (WHERE COALESCE(clock_paused_since, now()) <= stage_due_at
                                 AND COALESCE(clock_paused_since, now()) > stage_at_risk_at) AS at_risk
         FROM vetting_case WHERE status = 'OPEN' AND stage_due_at IS NOT NULL GROUP BY stage`,
    );
    // Each stage visit runs from the event that entered the stage to the event that left it.
    const visits = await this.db.query<{ stage: string; entered: Date; left: Date }[]>(
      `SELECT from_stage AS stage, prev_at AS entered, occurred_at AS "left" FROM (
         SELECT from_stage, occurred_at, LAG(occurred_at) OVER (PARTITION BY case_id ORDER BY seq) AS prev_at
           FROM case_event WHERE from_stage IS DISTINCT FROM to_stage) v
        WHERE prev_at IS NOT NULL AND from_stage IS NOT NULL
        ORDER BY occurred_at DESC LIMIT 10000`,
    );
    const holidays = calendarHolidays(this.config.clock.policy.calendar);
    const byStage = new Map<string, number[]>();
    for (const v of visits) {
      const days = workingDaysBetween(v.entered.toISOString(), v.left.toISOString(), holidays);
      byStage.set(v.stage, [...(byStage.get(v.stage) ?? []), days]);
    }
    const decidedCount = Number(decided?.decided ?? 0);
    const withinCount = Number(decided?.within ?? 0);
    return {
      dvTargetWorkingDays: this.config.clock.policy.targets.DV,
      decidedCases: decidedCount,
      decidedWithinTarget: withinCount,
      shareDecidedWithinTarget:
        decidedCount > 0 ? Math.round((withinCount / decidedCount) * 1000) / 1000 : null,
      breachedOpenByStage: Object.fromEntries(breached.map((b) => [b.stage, Number(b.breached)])),
      atRiskOpenByStage: Object.fromEntries(breached.map((b) => [b.stage, Number(b.at_risk)])),
      medianWorkingDaysByStage: Object.fromEntries(
        OPEN_STAGES.map((stage) => [stage, median(byStage.get(stage) ?? [])]),
      ),
    };
  }
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}
