// The dashboard and case-list reads as they were before the counters (migration 1764082000000): every figure
// computed from every matching row, every time. Kept as the reference the counters are checked against
// (test/integration/case-counters.spec.ts) and as the baseline `npm run bench:read-model` measures them against.
import { CaseReadModel, DashboardReadModel, slaStateSql } from '../../libs/persistence/src/read-model';
import type {
  AftercareCounts,
  CaseListFilter,
  OpenStageFigures,
  StageSlaCounts,
  StageVisit,
  StageWorkingDaysMedian,
  WeekFigures,
} from '../../libs/persistence/src/read-model';
import type { QueueScope } from '../../libs/domain/src';
import { calendarHolidays, workingDaysCounter } from '../../libs/domain/src';

const TEAM_FILTER = '($1::text IS NULL OR team = $1)';

/** The case list counting its total with COUNT(*) over every matching row. */
export class FullScanCaseReadModel extends CaseReadModel {
  protected override countedTotal(_scope: QueueScope, _filter: CaseListFilter): Promise<number | null> {
    return Promise.resolve(null);
  }
}

/** HR's dashboard figures computed from every case and every event. */
export class FullScanDashboardReadModel extends DashboardReadModel {
  override async openStages(team: string | null = null): Promise<OpenStageFigures[]> {
    const rows = await this.db.query<{ stage: string; open: string; median_days: string | null }[]>(
      `SELECT stage, count(*) AS open,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM now() - stage_entered_at) / 86400) AS median_days
         FROM vetting_case WHERE status = 'OPEN' AND ${TEAM_FILTER} GROUP BY stage`,
      [team],
    );
    return rows.map((r) => ({
      stage: r.stage,
      open: Number(r.open),
      medianDaysInStage: r.median_days == null ? null : Number(r.median_days),
    }));
  }

  override async weeklyTrend(weeks: number, team: string | null = null): Promise<WeekFigures[]> {
    const rows = await this.db.query<{ week: string; opened: string; decided: string; within: string }[]>(
      `WITH weeks AS (
         SELECT (date_trunc('week', now() AT TIME ZONE 'UTC')::date - 7 * g)::date AS week
           FROM generate_series(0, $2::int - 1) g)
       SELECT to_char(w.week, 'YYYY-MM-DD') AS week,
              (SELECT count(*) FROM vetting_case c WHERE ${TEAM_FILTER}
                  AND date_trunc('week', c.opened_at AT TIME ZONE 'UTC')::date = w.week) AS opened,
              (SELECT count(*) FROM vetting_case c WHERE ${TEAM_FILTER}
                  AND c.status = 'CLOSED' AND c.target_met IS NOT NULL
                  AND date_trunc('week', c.closed_at AT TIME ZONE 'UTC')::date = w.week) AS decided,
              (SELECT count(*) FROM vetting_case c WHERE ${TEAM_FILTER}
                  AND c.status = 'CLOSED' AND c.target_met
                  AND date_trunc('week', c.closed_at AT TIME ZONE 'UTC')::date = w.week) AS within
         FROM weeks w ORDER BY w.week`,
      [team, weeks],
    );
    return rows.map((r) => ({
      weekStarting: r.week,
      opened: Number(r.opened),
      decided: Number(r.decided),
      decidedWithinTarget: Number(r.within),
    }));
  }

  override async aftercare(withinDays: number, team: string | null = null): Promise<AftercareCounts> {
    // Every clearance and every case, joined and filtered row by row.
    const [row] = await this.db.query<
      { overdue: string; due: string; due_open: string; decided: string; within: string }[]
    >(
      `SELECT count(*) FILTER (WHERE c.live AND c.appraisal_status = 'OVERDUE') AS overdue,
              count(*) FILTER (WHERE c.live AND c.review_due <= (now() AT TIME ZONE 'UTC')::date + $2::int) AS due,
              count(*) FILTER (WHERE c.live AND c.review_due <= (now() AT TIME ZONE 'UTC')::date + $2::int
                                 AND c.renewal_status = 'OPEN') AS due_open,
              (SELECT count(*) FROM vetting_case WHERE ${TEAM_FILTER} AND status = 'CLOSED'
                  AND renewal_of IS NOT NULL AND target_met IS NOT NULL) AS decided,
              (SELECT count(*) FROM vetting_case WHERE ${TEAM_FILTER} AND status = 'CLOSED'
                  AND renewal_of IS NOT NULL AND target_met) AS within
         FROM (SELECT cl.*, cl.status IN ('VALID', 'SUSPENDED') AS live FROM clearance cl
                 LEFT JOIN vetting_case v ON v.id = cl.case_id WHERE ($1::text IS NULL OR v.team = $1)) c`,
      [team, withinDays],
    );
    return {
      appraisalsOverdue: Number(row?.overdue ?? 0),
      renewalsDue: Number(row?.due ?? 0),
      renewalsDueOpen: Number(row?.due_open ?? 0),
      renewalsDecided: Number(row?.decided ?? 0),
      renewalsWithinTarget: Number(row?.within ?? 0),
    };
  }

  override async closedByOutcome(team: string | null = null): Promise<{ outcome: string; count: number }[]> {
    const rows = await this.db.query<{ outcome: string | null; count: string }[]>(
      `SELECT outcome, count(*) AS count FROM vetting_case WHERE status = 'CLOSED' AND ${TEAM_FILTER} GROUP BY outcome`,
      [team],
    );
    return rows.map((r) => ({ outcome: r.outcome ?? 'NONE', count: Number(r.count) }));
  }

  override async oldestOpenCase(
    team: string | null = null,
  ): Promise<{ id: string; stage: string; openedAt: Date } | null> {
    const [row] = await this.db.query<{ id: string; stage: string; opened_at: Date }[]>(
      `SELECT id, stage, opened_at FROM vetting_case WHERE status = 'OPEN' AND ${TEAM_FILTER}
        ORDER BY opened_at ASC, id LIMIT 1`,
      [team],
    );
    return row ? { id: row.id, stage: row.stage, openedAt: row.opened_at } : null;
  }

  override async decidedAgainstTarget(
    team: string | null = null,
  ): Promise<{ decided: number; withinTarget: number }> {
    const [row] = await this.db.query<{ decided: string; within: string }[]>(
      `SELECT count(*) FILTER (WHERE target_met IS NOT NULL) AS decided, count(*) FILTER (WHERE target_met) AS within
         FROM vetting_case WHERE status = 'CLOSED' AND ${TEAM_FILTER}`,
      [team],
    );
    return { decided: Number(row?.decided ?? 0), withinTarget: Number(row?.within ?? 0) };
  }

  override async slaCountsByStage(team: string | null = null): Promise<StageSlaCounts[]> {
    const rows = await this.db.query<{ stage: string; breached: string; at_risk: string }[]>(
      `SELECT stage, count(*) FILTER (WHERE sla = 'BREACHED') AS breached,
              count(*) FILTER (WHERE sla = 'AT_RISK') AS at_risk
         FROM (SELECT c.stage, ${slaStateSql('c')} AS sla
                 FROM vetting_case c WHERE c.status = 'OPEN' AND c.stage_due_at IS NOT NULL AND ${TEAM_FILTER}) s
        GROUP BY stage`,
      [team],
    );
    return rows.map((r) => ({ stage: r.stage, breached: Number(r.breached), atRisk: Number(r.at_risk) }));
  }

  /**
   * The medians as the summary counted them before `stage_visit.working_days`: the visits read (here from every
   * event), their working days counted in Node with the domain's counter, and the middle one (or the mean of the
   * middle two) taken per stage.
   */
  override async medianWorkingDaysByStage(
    limit: number,
    team: string | null,
    calendar: string,
  ): Promise<StageWorkingDaysMedian[]> {
    const workingDays = workingDaysCounter(calendarHolidays(calendar));
    const byStage = new Map<string, number[]>();
    for (const v of await this.stageVisits(limit, team)) {
      const days = workingDays(v.enteredMs, v.leftMs);
      const stageDays = byStage.get(v.stage);
      if (stageDays) stageDays.push(days);
      else byStage.set(v.stage, [days]);
    }
    return [...byStage].map(([stage, days]) => {
      const sorted = days.sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      const median =
        sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
      return { stage, median };
    });
  }

  override stageVisits(limit: number, team: string | null = null): Promise<StageVisit[]> {
    return this.db.query<StageVisit[]>(
      `SELECT from_stage AS stage, (extract(epoch FROM prev_at) * 1000)::float8 AS "enteredMs",
              (extract(epoch FROM occurred_at) * 1000)::float8 AS "leftMs" FROM (
         SELECT e.from_stage, e.occurred_at,
                LAG(e.occurred_at) OVER (PARTITION BY e.case_id ORDER BY e.seq) AS prev_at
           FROM case_event e
          WHERE e.from_stage IS DISTINCT FROM e.to_stage
            AND ($2::text IS NULL OR e.case_id IN (SELECT id FROM vetting_case WHERE team = $2))) v
        WHERE prev_at IS NOT NULL AND from_stage IS NOT NULL
        ORDER BY occurred_at DESC LIMIT $1`,
      [limit, team],
    );
  }
}
