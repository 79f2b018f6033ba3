import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '../../../domain/src';

/** The calendar `stage_visit.working_days` is counted on (the default clock policy's); see the class note. */
export const STORED_WORKING_DAYS_CALENDAR = 'england-and-wales';

/**
 * Each finished stage visit's working days, counted by PostgreSQL (issue 13): the summary's median working days per
 * stage read the latest 10,000 visits and counted them in Node on every request (106 ms p95 for HR, 260 ms for a
 * team lead at 1,000,000 cases, so DashboardService reused them for 30 s). Now the median is one `percentile_cont`
 * over a covering index that holds the count.
 *
 * - `working_days_between(from, to, holidays date[])`: the domain's working-day rule (`workingDaysCounter`,
 *   libs/domain/src/clock/working-days.ts) in SQL: the working time between two instants in days, fractional for
 *   part days, negative if `to` is earlier; a working day is a UTC date that is neither a Saturday, a Sunday nor
 *   in `holidays`. Closed form (the days between the first and last are counted, not walked, in
 *   `working_days_between_closed`), so the backfill of millions of visits and each visit's insert stay cheap.
 * - `working_days_between(from, to)`: the same on the England and Wales bank holidays, taken from the domain's list
 *   (ENGLAND_AND_WALES_BANK_HOLIDAYS) when this migration runs, so there is one source. The list covers the years
 *   ENGLAND_AND_WALES_YEARS (2020 to 2030); outside them only weekends are closed, in SQL as in the domain.
 * - `stage_visit.working_days`, a stored generated column of the two-argument function: written with each visit
 *   by the trigger that appends it, and computed here for the visits already there.
 *
 * The holiday list is frozen into the function when this runs. A change to the domain's list (a new year, a
 * one-off holiday) needs a new migration that replaces the two-argument function and re-adds the column (a stored
 * column is not recomputed when its function changes); test/integration/read-model.spec.ts checks the SQL against
 * the domain function on a freshly migrated database. A clock policy on another calendar is counted with the
 * three-argument function at read time (DashboardReadModel.medianWorkingDaysByStage).
 */
export class StageVisitWorkingDays1764097930000 implements MigrationInterface {
  name = 'StageVisitWorkingDays1764097930000';

  public async up(q: QueryRunner): Promise<void> {
    // The rule itself, on a list of closed weekdays that is sorted and distinct, so counting the holidays between
    // two dates is a binary search (width_bucket: how many entries are at or before a date) and the function
    // needs no query of its own: cheap enough to run for millions of rows in the backfill.
    // Day numbers count UTC days from 1970-01-01, a Thursday; (day + 3) is then a multiple of 7 on Mondays, so
    // weekdays before a day are 5 per whole week plus up to 5 of the week it is in.
    await q.query(
      `CREATE FUNCTION working_days_between_closed(from_at timestamptz, to_at timestamptz, closed date[])
         RETURNS double precision LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
       DECLARE
         day_ms constant numeric := 86400000;
         early numeric := extract(epoch FROM least(from_at, to_at)) * 1000;
         late numeric := extract(epoch FROM greatest(from_at, to_at)) * 1000;
         first_day bigint := floor(early / day_ms);
         last_day bigint := floor(late / day_ms);
         first_date date := DATE '1970-01-01' + first_day::int;
         last_date date := DATE '1970-01-01' + last_day::int;
         first_open boolean := mod(mod(first_day + 3, 7) + 7, 7) < 5
           AND width_bucket(first_date, closed) = width_bucket(first_date - 1, closed);
         last_open boolean := mod(mod(last_day + 3, 7) + 7, 7) < 5
           AND width_bucket(last_date, closed) = width_bucket(last_date - 1, closed);
         working_ms numeric;
       BEGIN
         IF first_day = last_day THEN
           working_ms := CASE WHEN first_open THEN late - early ELSE 0 END;
         ELSE
           -- The part days at each end, then the whole days strictly between: weekdays before the last day less
           -- those before the second day, less the closed weekdays among them.
           working_ms := CASE WHEN first_open THEN (first_day + 1) * day_ms - early ELSE 0 END
             + CASE WHEN last_open THEN late - last_day * day_ms ELSE 0 END
             + day_ms * (
                 5 * floor((last_day + 3) / 7.0) + least(mod(mod(last_day + 3, 7) + 7, 7), 5)
               - 5 * floor((first_day + 4) / 7.0) - least(mod(mod(first_day + 4, 7) + 7, 7), 5)
               - (width_bucket(last_date - 1, closed) - width_bucket(first_date, closed)));
         END IF;
         IF working_ms = 0 THEN
           RETURN 0;
         END IF;
         RETURN CASE WHEN to_at >= from_at THEN 1 ELSE -1 END * (working_ms::double precision / 86400000);
       END $$`,
    );
    // Any holiday list, as the domain takes it: weekend dates and repeats allowed (they close nothing more).
    await q.query(
      `CREATE FUNCTION working_days_between(from_at timestamptz, to_at timestamptz, holidays date[])
         RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
         RETURN working_days_between_closed(from_at, to_at, ARRAY(
           SELECT DISTINCT h FROM unnest(holidays) h WHERE extract(isodow FROM h) < 6 ORDER BY h))`,
    );
    await q.query(
      `CREATE FUNCTION working_days_between(from_at timestamptz, to_at timestamptz)
         RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
         RETURN working_days_between_closed(from_at, to_at, ${closedWeekdays(ENGLAND_AND_WALES_BANK_HOLIDAYS)})`,
    );
    // The covering indexes are re-made with the count in them; dropped first so adding the column (which rewrites
    // the table) does not rebuild them only to drop them.
    await q.query(`DROP INDEX ix_stage_visit_left`);
    await q.query(`DROP INDEX ix_stage_visit_team_left`);
    await q.query(
      `ALTER TABLE stage_visit ADD COLUMN working_days double precision NOT NULL
         GENERATED ALWAYS AS (working_days_between(entered_at, left_at)) STORED`,
    );
    // entered_at stays in them for a clock policy on another calendar (counted at read time).
    await q.query(
      `CREATE INDEX ix_stage_visit_left ON stage_visit (left_at DESC) INCLUDE (stage, working_days, entered_at)`,
    );
    await q.query(
      `CREATE INDEX ix_stage_visit_team_left ON stage_visit (team, left_at DESC)
         INCLUDE (stage, working_days, entered_at)`,
    );
    // Statistics for the new column. The rewrite also empties the visibility map, so until (auto)vacuum visits
    // the table the median's index scan fetches its heap pages too; VACUUM cannot run in the migration's
    // transaction, so a large database wants a `VACUUM ANALYZE stage_visit` after it (docs/read-model.md).
    await q.query(`ANALYZE stage_visit`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_stage_visit_left`);
    await q.query(`DROP INDEX ix_stage_visit_team_left`);
    await q.query(`ALTER TABLE stage_visit DROP COLUMN working_days`);
    await q.query(`DROP FUNCTION working_days_between(timestamptz, timestamptz)`);
    await q.query(`DROP FUNCTION working_days_between(timestamptz, timestamptz, date[])`);
    await q.query(`DROP FUNCTION working_days_between_closed(timestamptz, timestamptz, date[])`);
    await q.query(
      `CREATE INDEX ix_stage_visit_left ON stage_visit (left_at DESC) INCLUDE (stage, entered_at)`,
    );
    await q.query(
      `CREATE INDEX ix_stage_visit_team_left ON stage_visit (team, left_at DESC) INCLUDE (stage, entered_at)`,
    );
  }
}

/**
 * The weekdays of `dates` as a sorted, distinct date[] literal, what working_days_between_closed takes. Every entry
 * must be a plain YYYY-MM-DD date (they are written into the function's text).
 */
function closedWeekdays(dates: readonly string[]): string {
  const weekdays = new Set<string>();
  for (const date of dates) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
      throw new Error(`not a YYYY-MM-DD holiday: ${JSON.stringify(date)}`);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) weekdays.add(date);
  }
  return `'{${[...weekdays].sort().join(',')}}'::date[]`;
}
