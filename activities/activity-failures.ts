// What the activities do when something fails, in one place for all of them (a worker interceptor):
//   - a database error is never passed on as it is: TypeORM's QueryFailedError carries the SQL and its
//     parameters (names, dates of birth, e-mail addresses), and whatever is thrown is logged by the SDK and
//     stored in the workflow's history. It becomes an ApplicationFailure naming only the SQLSTATE;
//   - a database error that no retry can cure (the database refusing a value) is not retried: retrying it for
//     ever once held a case's whole write chain (every later action answered 503). It is recorded as an alert
//     (activity_failure), counted, logged without the value, and thrown as non-retryable, so the workflow can
//     go on without it.
import { ApplicationFailure, log } from '@temporalio/activity';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { databaseSqlState } from '../libs/config/src/log-sanitiser';

/** The failure type workflows see for a value the database will never accept. */
export const UNSTORABLE_VALUE = 'UNSTORABLE_VALUE';
/** The failure type of any other database error (retried: outages, deadlocks, races). */
export const DATABASE_ERROR = 'DATABASE_ERROR';

/**
 * SQLSTATEs no retry can cure: class 22 (data exception: a NUL in text, a string too long, a number out of
 * range, an impossible date) and the integrity violations that depend only on the value written (NOT NULL,
 * CHECK). Unique and foreign-key violations stay retryable: between concurrent attempts, or a write that
 * arrives before the row it refers to, the next attempt succeeds.
 */
export function isPermanentSqlState(code: string): boolean {
  return code.startsWith('22') || code === '23502' || code === '23514';
}

/** Where refused writes are recorded and counted. */
export interface ActivityFailureSink {
  recordRefusedWrite(failure: RefusedWrite): Promise<void>;
}

export interface RefusedWrite {
  caseId: string | null;
  workflowId: string;
  activity: string;
  sqlstate: string;
}

/** Records refused writes in the activity_failure table (an alert for operators; counted by /metrics). */
export function databaseFailureSink(dataSource: DataSource): ActivityFailureSink {
  return {
    async recordRefusedWrite({ caseId, workflowId, activity, sqlstate }) {
      await dataSource.query(
        `INSERT INTO activity_failure (case_id, workflow_id, activity, sqlstate) VALUES ($1, $2, $3, $4)`,
        [caseId, workflowId, activity, sqlstate],
      );
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The case an activity input is about, if it names one (`caseId`, or `event.caseId` for transitions). */
function caseIdIn(args: unknown[]): string | null {
  const input = args[0] as { caseId?: unknown; event?: { caseId?: unknown } } | undefined;
  const candidate = input?.caseId ?? input?.event?.caseId;
  return typeof candidate === 'string' && UUID.test(candidate) ? candidate : null;
}

/** Converts database failures as described at the top of this file; everything else passes through. */
export class ActivityFailureInterceptor implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly activity: string,
    private readonly workflowId: string,
    private readonly sink: ActivityFailureSink,
  ) {}

  async execute(
    input: ActivityExecuteInput,
    next: Next<ActivityInboundCallsInterceptor, 'execute'>,
  ): Promise<unknown> {
    try {
      return await next(input);
    } catch (error) {
      const sqlstate = databaseSqlState(error);
      if (sqlstate === null) throw error;
      const context = { activity: this.activity, workflowId: this.workflowId, sqlstate };
      if (!isPermanentSqlState(sqlstate)) {
        // No cause attached: the driver's error would carry the parameters along.
        throw ApplicationFailure.retryable(`database error (SQLSTATE ${sqlstate})`, DATABASE_ERROR);
      }
      const caseId = caseIdIn(input.args);
      log.error('the database refused a value; the write is not retried and the case goes on without it', {
        ...context,
        caseId,
      });
      // Best effort: if even the alert cannot be written, the log line above still reports it.
      await this.sink.recordRefusedWrite({ ...context, caseId }).catch((alertError: unknown) => {
        log.error('could not record the refused write', {
          ...context,
          sqlstate: databaseSqlState(alertError),
        });
      });
      throw ApplicationFailure.nonRetryable(
        `the database refused a value (SQLSTATE ${sqlstate}); not retried`,
        UNSTORABLE_VALUE,
      );
    }
  }
}

/** The worker interceptor factory: one ActivityFailureInterceptor per activity execution. */
export function activityFailureInterceptors(sink: ActivityFailureSink): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: new ActivityFailureInterceptor(
      ctx.info.activityType,
      ctx.info.workflowExecution?.workflowId ?? '',
      sink,
    ),
  });
}
