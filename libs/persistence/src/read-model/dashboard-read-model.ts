import type { DataSource } from 'typeorm';
import { slaStateSql } from './sla-rule';

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

/** One finished visit to a stage: entered by one event, left by the next one that changed the stage. */
export interface StageVisit {
  stage: string;
  entered: Date;
  left: Date;
}

/** What the operator's gauges show, read in one short transaction. */
export interface BusinessSnapshot {
  openByStage: { stage: string; open: number; breached: number }[];
  notifications: { reason: string; count: number }[];
  recordChecks: { checkType: string; status: string; outcome: string; count: number }[];
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
  constructor(private readonly db: DataSource) {}

  // Every figure takes `team`: null for every team (HR, admins), else only that team's cases (a team lead's).
  async openStages(team: string | null = null): Promise<OpenStageFigures[]> {
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

  async closedByOutcome(team: string | null = null): Promise<{ outcome: string; count: number }[]> {
    const rows = await this.db.query<{ outcome: string; count: string }[]>(
      `SELECT outcome, count(*) AS count FROM vetting_case WHERE status = 'CLOSED' AND ${TEAM_FILTER} GROUP BY outcome`,
      [team],
    );
    return rows.map((r) => ({ outcome: r.outcome, count: Number(r.count) }));
  }

  async oldestOpenCase(
    team: string | null = null,
  ): Promise<{ id: string; stage: string; openedAt: Date } | null> {
    const [row] = await this.db.query<{ id: string; stage: string; opened_at: Date }[]>(
      `SELECT id, stage, opened_at FROM vetting_case WHERE status = 'OPEN' AND ${TEAM_FILTER}
        ORDER BY opened_at ASC, id LIMIT 1`,
      [team],
    );
    return row ? { id: row.id, stage: row.stage, openedAt: row.opened_at } : null;
  }

  /** Closed cases whose DV target was judged, and how many of them met it. */
  async decidedAgainstTarget(team: string | null = null): Promise<{ decided: number; withinTarget: number }> {
    const [row] = await this.db.query<{ decided: string; within: string }[]>(
      `SELECT count(*) FILTER (WHERE target_met IS NOT NULL) AS decided, count(*) FILTER (WHERE target_met) AS within
         FROM vetting_case WHERE status = 'CLOSED' AND ${TEAM_FILTER}`,
      [team],
    );
    return { decided: Number(row?.decided ?? 0), withinTarget: Number(row?.within ?? 0) };
  }

  /** Open cases past their stage deadline or at risk of it, by stage, judged by the one SLA rule. */
  async slaCountsByStage(team: string | null = null): Promise<StageSlaCounts[]> {
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

  /** The most recent `limit` finished stage visits, newest first. */
  stageVisits(limit: number, team: string | null = null): Promise<StageVisit[]> {
    return this.db.query<StageVisit[]>(
      `SELECT from_stage AS stage, prev_at AS entered, occurred_at AS "left" FROM (
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

  /** The operator's figures; each query is bounded so a slow scrape never holds a connection for long. */
  businessSnapshot(timeoutMs: number): Promise<BusinessSnapshot> {
    return this.db.transaction('READ COMMITTED', async (tx) => {
      await tx.query(`SELECT set_config('statement_timeout', $1, true)`, [String(timeoutMs)]);
      const open = await tx.query<{ stage: string; open: string; breached: string }[]>(
        `SELECT c.stage, count(*) AS open, count(*) FILTER (WHERE ${slaStateSql('c')} = 'BREACHED') AS breached
           FROM vetting_case c WHERE c.status = 'OPEN' GROUP BY c.stage`,
      );
      const notifications = await tx.query<{ reason: string; count: string }[]>(
        `SELECT reason, count(*) AS count FROM notification WHERE reason = ANY($1) GROUP BY reason`,
        [REMINDER_REASONS],
      );
      const checks = await tx.query<{ check_type: string; status: string; outcome: string; count: string }[]>(
        `SELECT check_type, status, COALESCE(outcome, '') AS outcome, count(*) AS count
           FROM record_check GROUP BY check_type, status, outcome`,
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
          breached: Number(r.breached),
        })),
        notifications: notifications.map((r) => ({ reason: r.reason, count: Number(r.count) })),
        recordChecks: checks.map((r) => ({
          checkType: r.check_type,
          status: r.status,
          outcome: r.outcome,
          count: Number(r.count),
        })),
      };
    });
  }
}
