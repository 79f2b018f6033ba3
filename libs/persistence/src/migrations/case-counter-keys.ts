/**
 * The SQL of `case_counter_keys(c vetting_case)`: the counted facts of one case row, one VALUES row per fact that
 * applies (one VALUES list: a UNION ALL of SELECTs over the argument, inlined into a grouped query, fails to plan
 * on PostgreSQL 15). Migrations render it, so its output for a given `withTrend` must never change: a later
 * change to the counted facts adds an option here and a migration that uses it.
 *
 * The SLA rule in it is libs/persistence/src/read-model/sla-rule.ts: a paused clock's state is that rule judged
 * at the instant it paused; keep the two in step.
 */
export function caseCounterKeys(withTrend: boolean, withRenewal = false): string {
  // Closed renewal cases whose target (targets.DV_RENEWAL) was judged: the renewal SLA share (migration
  // 1764097300000). They stay in `target` and `decided` too, as before.
  const renewal = withRenewal
    ? `,
             ('renewal_target', '', CASE WHEN c.target_met THEN 'MET' ELSE 'MISSED' END, '-infinity'::date,
                c.status = 'CLOSED' AND c.target_met IS NOT NULL AND c.renewal_of IS NOT NULL)`
    : '';
  const trend = withTrend
    ? `,
             ('opened', '', '', (c.opened_at AT TIME ZONE 'UTC')::date, true),
             ('decided', '', CASE WHEN c.target_met THEN 'MET' ELSE 'MISSED' END,
                (c.closed_at AT TIME ZONE 'UTC')::date,
                c.status = 'CLOSED' AND c.target_met IS NOT NULL AND c.closed_at IS NOT NULL)`
    : '';
  return `CREATE OR REPLACE FUNCTION case_counter_keys(c vetting_case)
         RETURNS TABLE (metric text, team text, stage text, key text, day date)
         LANGUAGE sql STABLE AS $$
         SELECT v.metric, COALESCE(c.team, ''), v.stage, v.key, v.day
           FROM (VALUES
             ('status', c.stage, c.status, '-infinity'::date, true),
             ('entered', c.stage, '', (c.stage_entered_at AT TIME ZONE 'UTC')::date, c.status = 'OPEN'),
             ('outcome', '', COALESCE(c.outcome, ''), '-infinity'::date, c.status = 'CLOSED'),
             ('target', '', CASE WHEN c.target_met THEN 'MET' ELSE 'MISSED' END, '-infinity'::date,
                c.status = 'CLOSED' AND c.target_met IS NOT NULL),
             ('due', c.stage, '', (c.stage_due_at AT TIME ZONE 'UTC')::date,
                c.status = 'OPEN' AND c.clock_paused_since IS NULL AND c.stage_due_at IS NOT NULL),
             ('risk', c.stage, '', (c.stage_at_risk_at AT TIME ZONE 'UTC')::date,
                c.status = 'OPEN' AND c.clock_paused_since IS NULL AND c.stage_at_risk_at < c.stage_due_at),
             ('due_risk', c.stage, '', (c.stage_due_at AT TIME ZONE 'UTC')::date,
                c.status = 'OPEN' AND c.clock_paused_since IS NULL AND c.stage_at_risk_at < c.stage_due_at),
             ('paused', c.stage,
                CASE WHEN c.clock_paused_since > c.stage_due_at THEN 'BREACHED'
                     WHEN c.stage_at_risk_at IS NOT NULL AND c.clock_paused_since > c.stage_at_risk_at
                       THEN 'AT_RISK'
                     ELSE 'ON_TRACK' END,
                '-infinity'::date,
                c.status = 'OPEN' AND c.clock_paused_since IS NOT NULL AND c.stage_due_at IS NOT NULL)${trend}${renewal}
           ) v (metric, stage, key, day, counted)
          WHERE v.counted
       $$`;
}
