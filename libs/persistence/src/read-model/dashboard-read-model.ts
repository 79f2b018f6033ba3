import type { DataSource, EntityManager } from 'typeorm';
import { calendarHolidays } from '../../../domain/src';
import { STORED_WORKING_DAYS_CALENDAR } from '../migrations/1764097930000-stage-visit-working-days';

/** Open cases in one stage and the median calendar days they have spent in it so far. */
export interface OpenStageFigures {
  stage: string;
  open: number;
  medianDaysInStage: number | null;
}

/** Open cases in one stage by SLA state (stages with no deadline are absent). */
export interface StageSlaCounts {
  stage: string;
  breached: number;
  atRisk: number;
}

/**
 * One finished visit to a stage: entered by one event, left by the next one that changed the stage. Instants in
 * epoch milliseconds: the dashboard reads thousands and only measures the time between them.
 */
export interface StageVisit {
  stage: string;
  enteredMs: number;
  leftMs: number;
}

/** The median working days of one stage's visits among the latest finished ones (unrounded). */
export interface StageWorkingDaysMedian {
  stage: string;
  median: number;
}

/** One week of the trend: cases opened, and cases decided against the DV target and how many met it. */
export interface WeekFigures {
  /** The Monday (UTC) the week starts, YYYY-MM-DD. */
  weekStarting: string;
  opened: number;
  decided: number;
  decidedWithinTarget: number;
}

/** HR's aftercare figures: live clearances and renewal cases (docs/read-model.md "Aftercare figures"). */
export interface AftercareCounts {
  /** Live clearances whose appraisal for this year is overdue. */
  appraisalsOverdue: number;
  /** Live clearances whose renewal date falls within the window (or has passed while their renewal is open). */
  renewalsDue: number;
  /** Of those, the ones whose renewal case is open. */
  renewalsDueOpen: number;
  /** Closed renewal cases whose target was judged, and how many met it. */
  renewalsDecided: number;
  renewalsWithinTarget: number;
}

/** What the operator's gauges show, read in one short transaction. */
export interface BusinessSnapshot {
  openByStage: { stage: string; open: number; breached: number }[];
  notifications: { reason: string; count: number }[];
  /**
   * Record checks by type, status and outcome, and by origin: a DV case's own checks (CASE) or those re-run for a
   * held clearance's change of circumstances (AFTERCARE: their row's case id is the re-run's id, no case's).
   */
  recordChecks: {
    checkType: string;
    status: string;
    outcome: string;
    origin: 'CASE' | 'AFTERCARE';
    count: number;
  }[];
  /** Writes the database refused for good (activity_failure), unresolved, by activity and SQLSTATE. */
  refusedWrites: { activity: string; sqlstate: string; count: number }[];
  /** Emails not sent (yet), by outbox status (PENDING, SENDING, FAILED), with the oldest one's age in seconds. */
  unsentEmails: { status: string; count: number; oldestAgeSeconds: number }[];
}

/** Reasons that are reminders in the operator's sense: sent because a clock ran, not because a person acted. */
const REMINDER_REASONS = ['REMINDER', 'CHASER', 'ESCALATION'];

/**
 * Aggregate reads of the case read-model for HR's dashboard and the operator's metrics: counts and durations
 * only, never a name or a finding.
 */
/** `$1` is the team, or null for every team. */
const TEAM_FILTER = '($1::text IS NULL OR team = $1)';

export class DashboardReadModel {
  constructor(protected readonly db: DataSource) {}

  // Every figure takes `team`: null for every team (HR, admins), else only that team's cases (a team lead's).
  // Counts come from `case_counter` (kept by triggers in the transaction that writes each case row, see the
  // migration 1764082000000); what depends on the clock or on single rows is read off an index, bounded.

  /**
   * Open cases per stage and the median days they have spent in it so far, in one statement (one snapshot). The
   * counters give each stage's open cases per UTC day of entering it, so the day holding the middle case is
   * known; the middle case itself is read at its offset within that day of the (stage, stage_entered_at) index
   * of open cases. percentile_cont(0.5): the middle case, or the mean of the two middle ones (read together: the
   * second may have entered on a later day, which the index order also covers).
   */
  async openStages(team: string | null = null): Promise<OpenStageFigures[]> {
    const rows = await this.db.query<{ stage: string; open: string; median_days: number | null }[]>(
      `WITH days AS (
         SELECT stage, day, sum(n)::bigint AS n FROM case_counter
          WHERE metric = 'entered' AND ${TEAM_FILTER} GROUP BY stage, day HAVING sum(n) > 0),
       placed AS (
         SELECT stage, day, n, (sum(n) OVER (PARTITION BY stage ORDER BY day))::bigint - n AS before,
                (sum(n) OVER (PARTITION BY stage))::bigint AS open
           FROM days),
       middle AS (
         SELECT stage, day, before, open, (open - 1) / 2 AS position FROM placed
          WHERE before <= (open - 1) / 2 AND before + n > (open - 1) / 2)
       SELECT m.stage, m.open,
              (SELECT avg(extract(epoch FROM now() - v.stage_entered_at) / 86400)::float8 FROM (
                 SELECT c.stage_entered_at FROM vetting_case c
                  WHERE c.status = 'OPEN' AND c.stage = m.stage AND ($1::text IS NULL OR c.team = $1)
                    AND c.stage_entered_at >= m.day::timestamp AT TIME ZONE 'UTC'
                  ORDER BY ${team === null ? '' : 'c.team, '}c.stage, c.stage_entered_at
                 OFFSET m.position - m.before LIMIT CASE WHEN m.open % 2 = 1 THEN 1 ELSE 2 END) v) AS median_days
         FROM middle m`,
      [team],
    );
    return rows.map((r) => ({ stage: r.stage, open: Number(r.open), medianDaysInStage: r.median_days }));
  }

  /** Closed cases by outcome; a closed case recorded without one (none should be) is counted under NONE. */
  async closedByOutcome(team: string | null = null): Promise<{ outcome: string; count: number }[]> {
    const rows = await this.db.query<{ outcome: string; count: string }[]>(
      `SELECT key AS outcome, sum(n) AS count FROM case_counter WHERE metric = 'outcome' AND ${TEAM_FILTER}
        GROUP BY key HAVING sum(n) > 0`,
      [team],
    );
    return rows.map((r) => ({ outcome: r.outcome === '' ? 'NONE' : r.outcome, count: Number(r.count) }));
  }

  /** The open case opened first (off the partial index of open cases by opening time). */
  async oldestOpenCase(
    team: string | null = null,
  ): Promise<{ id: string; stage: string; openedAt: Date } | null> {
    const [row] = await this.db.query<{ id: string; stage: string; opened_at: Date }[]>(
      `SELECT id, stage, opened_at FROM vetting_case WHERE status = 'OPEN' AND ${TEAM_FILTER}
        ORDER BY ${team === null ? '' : 'team, '}opened_at ASC, id LIMIT 1`,
      [team],
    );
    return row ? { id: row.id, stage: row.stage, openedAt: row.opened_at } : null;
  }

  /** Closed cases whose DV target was judged, and how many of them met it. */
  async decidedAgainstTarget(team: string | null = null): Promise<{ decided: number; withinTarget: number }> {
    const [row] = await this.db.query<{ decided: string | null; within: string | null }[]>(
      `SELECT sum(n) AS decided, sum(n) FILTER (WHERE key = 'MET') AS within
         FROM case_counter WHERE metric = 'target' AND ${TEAM_FILTER}`,
      [team],
    );
    return { decided: Number(row?.decided ?? 0), withinTarget: Number(row?.within ?? 0) };
  }

  /**
   * Aftercare figures; a team's are the clearances granted by (and renewal cases of) that team's cases. Each is
   * bounded by what it counts, not by the number of clearances: overdue appraisals off a partial index of them,
   * renewals due off a partial index of live clearances by renewal date (a range of `withinDays` days), the
   * renewal SLA share off the `renewal_target` counters (migration 1764097300000).
   */
  async aftercare(withinDays: number, team: string | null = null): Promise<AftercareCounts> {
    const ofTeam = team === null ? '' : 'JOIN vetting_case v ON v.id = c.case_id AND v.team = $1';
    const [row] = await this.db.query<
      { overdue: string; due: string; due_open: string; decided: string | null; within: string | null }[]
    >(
      `SELECT
         (SELECT count(*) FROM clearance c ${ofTeam}
           WHERE c.appraisal_status = 'OVERDUE' AND c.status IN ('VALID', 'SUSPENDED')) AS overdue,
         d.due, d.due_open, t.decided, t.within
         FROM (SELECT count(*) AS due, count(*) FILTER (WHERE c.renewal_status = 'OPEN') AS due_open
                 FROM clearance c ${ofTeam}
                WHERE c.status IN ('VALID', 'SUSPENDED')
                  AND c.review_due <= (now() AT TIME ZONE 'UTC')::date + $2::int) d,
              (SELECT sum(n) AS decided, sum(n) FILTER (WHERE key = 'MET') AS within
                 FROM case_counter WHERE metric = 'renewal_target' AND ${TEAM_FILTER}) t`,
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

  /**
   * The last `weeks` weeks (UTC, Monday to Sunday, the current one last and so far), each week with no cases
   * present with zeros. Seven counter rows per figure and week (migration 1764082900000), whatever the number of
   * cases.
   */
  async weeklyTrend(weeks: number, team: string | null = null): Promise<WeekFigures[]> {
    const rows = await this.db.query<{ week: string; opened: string; decided: string; within: string }[]>(
      `WITH span AS (
         SELECT date_trunc('week', now() AT TIME ZONE 'UTC')::date AS this_week),
       weeks AS (
         SELECT (span.this_week - 7 * g)::date AS week FROM span, generate_series(0, $2::int - 1) g),
       counted AS (
         SELECT date_trunc('week', day)::date AS week,
                sum(n) FILTER (WHERE metric = 'opened') AS opened,
                sum(n) FILTER (WHERE metric = 'decided') AS decided,
                sum(n) FILTER (WHERE metric = 'decided' AND key = 'MET') AS within
           FROM case_counter, span
          WHERE metric IN ('opened', 'decided') AND day >= span.this_week - 7 * ($2::int - 1) AND ${TEAM_FILTER}
          GROUP BY 1)
       SELECT to_char(w.week, 'YYYY-MM-DD') AS week, COALESCE(c.opened, 0) AS opened,
              COALESCE(c.decided, 0) AS decided, COALESCE(c.within, 0) AS within
         FROM weeks w LEFT JOIN counted c USING (week)
        ORDER BY w.week`,
      [team, weeks],
    );
    return rows.map((r) => ({
      weekStarting: r.week,
      opened: Number(r.opened),
      decided: Number(r.decided),
      decidedWithinTarget: Number(r.within),
    }));
  }

  /**
   * Open cases past their stage deadline or at risk of it, by stage, judged by the one SLA rule (sla-rule.ts)
   * without reading every open case. A paused clock's state does not change while paused: a counter. A running
   * clock's does, so those cases are counted per UTC day of their instants: "past its deadline now" is every
   * earlier day's count plus today's deadlines so far (an index range of one day). At risk, among the cases whose
   * at-risk instant comes before the deadline (no other case can be at risk): past the at-risk instant and not
   * past the deadline, i.e. (past at-risk) − (past deadline), each counted the same way.
   */
  slaCountsByStage(team: string | null = null): Promise<StageSlaCounts[]> {
    return this.slaCounts(this.db.manager, team);
  }

  /** slaCountsByStage, through `via` (a transaction's manager, or the data source's). */
  private async slaCounts(via: EntityManager, team: string | null): Promise<StageSlaCounts[]> {
    const rows = await via.query<{ stage: string; breached: string; at_risk: string }[]>(
      `WITH clock AS (
         SELECT now() AS now, (now() AT TIME ZONE 'UTC')::date AS today,
                date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS today_start),
       counted AS (
         SELECT stage,
                sum(n) FILTER (WHERE metric = 'due' AND day < clock.today) AS due,
                sum(n) FILTER (WHERE metric = 'risk' AND day < clock.today) AS risk,
                sum(n) FILTER (WHERE metric = 'due_risk' AND day < clock.today) AS due_risk,
                sum(n) FILTER (WHERE metric = 'paused' AND key = 'BREACHED') AS paused_breached,
                sum(n) FILTER (WHERE metric = 'paused' AND key = 'AT_RISK') AS paused_at_risk,
                sum(n) FILTER (WHERE metric IN ('due', 'paused')) AS with_deadline
           FROM case_counter, clock
          WHERE (metric IN ('due', 'paused') OR (metric IN ('risk', 'due_risk') AND day < clock.today))
            AND ${TEAM_FILTER}
          GROUP BY stage),
       due_today AS (
         SELECT c.stage, count(*) AS due,
                count(*) FILTER (WHERE c.stage_at_risk_at < c.stage_due_at) AS due_risk
           FROM vetting_case c, clock
          WHERE c.status = 'OPEN' AND c.clock_paused_since IS NULL
            AND c.stage_due_at >= clock.today_start AND c.stage_due_at < clock.now AND ${TEAM_FILTER}
          GROUP BY c.stage),
       risk_today AS (
         SELECT c.stage, count(*) AS risk
           FROM vetting_case c, clock
          WHERE c.status = 'OPEN' AND c.clock_paused_since IS NULL AND c.stage_at_risk_at < c.stage_due_at
            AND c.stage_at_risk_at >= clock.today_start AND c.stage_at_risk_at < clock.now AND ${TEAM_FILTER}
          GROUP BY c.stage)
       SELECT k.stage,
              COALESCE(k.due, 0) + COALESCE(d.due, 0) + COALESCE(k.paused_breached, 0) AS breached,
              COALESCE(k.risk, 0) + COALESCE(r.risk, 0) - COALESCE(k.due_risk, 0) - COALESCE(d.due_risk, 0)
                + COALESCE(k.paused_at_risk, 0) AS at_risk
         FROM counted k LEFT JOIN due_today d USING (stage) LEFT JOIN risk_today r USING (stage)
        WHERE k.with_deadline > 0`,
      [team],
    );
    return rows.map((r) => ({ stage: r.stage, breached: Number(r.breached), atRisk: Number(r.at_risk) }));
  }

  /**
   * The median working days per stage over the most recent `limit` finished visits (of `team`'s cases, or all), on
   * the clock policy's `calendar`: one statement, `percentile_cont` over the covering index of `stage_visit`. On
   * the calendar the visits' `working_days` column is counted on (migration 1764097930000) that is an index-only
   * read; on another, each visit is counted at read time with the same SQL rule and that calendar's holidays.
   * Stages with no visit among them are absent.
   */
  async medianWorkingDaysByStage(
    limit: number,
    team: string | null,
    calendar: string,
  ): Promise<StageWorkingDaysMedian[]> {
    const stored = calendar === STORED_WORKING_DAYS_CALENDAR;
    const rows = await this.db.query<{ stage: string; median: number }[]>(
      `SELECT stage, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median FROM (
         SELECT stage, ${stored ? 'working_days' : 'working_days_between(entered_at, left_at, $3::date[])'} AS days
           FROM stage_visit WHERE ($2::text IS NULL OR team = $2)
          ORDER BY ${team === null ? '' : 'team, '}left_at DESC LIMIT $1) latest
        GROUP BY stage`,
      stored ? [limit, team] : [limit, team, calendarHolidays(calendar)],
    );
    return rows.map((r) => ({ stage: r.stage, median: Number(r.median) }));
  }

  /**
   * The most recent `limit` finished stage visits, newest first (`stage_visit`, kept as events are appended); the
   * summary reads their medians instead, and the counters' checks compare these with the events.
   */
  stageVisits(limit: number, team: string | null = null): Promise<StageVisit[]> {
    return this.db.query<StageVisit[]>(
      `SELECT stage, (extract(epoch FROM entered_at) * 1000)::float8 AS "enteredMs",
              (extract(epoch FROM left_at) * 1000)::float8 AS "leftMs"
         FROM stage_visit WHERE ($2::text IS NULL OR team = $2)
        ORDER BY ${team === null ? '' : 'team, '}left_at DESC LIMIT $1`,
      [limit, team],
    );
  }

  /** The operator's figures; each query is bounded so a slow scrape never holds a connection for long. */
  businessSnapshot(timeoutMs: number): Promise<BusinessSnapshot> {
    return this.db.transaction('READ COMMITTED', async (tx) => {
      await tx.query(`SELECT set_config('statement_timeout', $1, true)`, [String(timeoutMs)]);
      const open = await tx.query<{ stage: string; open: string }[]>(
        `SELECT stage, sum(n) AS open FROM case_counter WHERE metric = 'status' AND key = 'OPEN'
          GROUP BY stage HAVING sum(n) > 0`,
      );
      const breached = new Map((await this.slaCounts(tx, null)).map((s) => [s.stage, s.breached]));
      const notifications = await tx.query<{ reason: string; count: string }[]>(
        `SELECT reason, count(*) AS count FROM notification WHERE reason = ANY($1) GROUP BY reason`,
        [REMINDER_REASONS],
      );
      // A case's checks are written after its case row, so a row with no case is a re-run for a clearance.
      const checks = await tx.query<
        { check_type: string; status: string; outcome: string; origin: 'CASE' | 'AFTERCARE'; count: string }[]
      >(
        `SELECT r.check_type, r.status, COALESCE(r.outcome, '') AS outcome,
                CASE WHEN c.id IS NULL THEN 'AFTERCARE' ELSE 'CASE' END AS origin, count(*) AS count
           FROM record_check r LEFT JOIN vetting_case c ON c.id = r.case_id
          GROUP BY 1, 2, 3, 4`,
      );
      const refused = await tx.query<{ activity: string; sqlstate: string; count: string }[]>(
        `SELECT activity, sqlstate, count(*) AS count FROM activity_failure WHERE resolved_at IS NULL
           GROUP BY activity, sqlstate`,
      );
      // The partial index on unsent emails answers this without reading the (ever-growing) SENT rows.
      const unsent = await tx.query<{ status: string; count: string; oldest_age: string }[]>(
        `SELECT status, count(*) AS count, extract(epoch FROM now() - min(created_at)) AS oldest_age
           FROM email_outbox WHERE status <> 'SENT' GROUP BY status`,
      );
      return {
        unsentEmails: unsent.map((r) => ({
          status: r.status,
          count: Number(r.count),
          oldestAgeSeconds: Math.max(0, Number(r.oldest_age)),
        })),
        refusedWrites: refused.map((r) => ({
          activity: r.activity,
          sqlstate: r.sqlstate,
          count: Number(r.count),
        })),
        openByStage: open.map((r) => ({
          stage: r.stage,
          open: Number(r.open),
          breached: breached.get(r.stage) ?? 0,
        })),
        notifications: notifications.map((r) => ({ reason: r.reason, count: Number(r.count) })),
        recordChecks: checks.map((r) => ({
          checkType: r.check_type,
          status: r.status,
          outcome: r.outcome,
          origin: r.origin,
          count: Number(r.count),
        })),
      };
    });
  }
}
