import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { databaseSqlState, describeError, sanitiseLogFields } from './log-sanitiser';
import { createAppLogger, temporalLogSink } from './logger';

const NAME = 'Wilhelmina-canary';
const EMAIL = 'w.canary@canary-mail.example';

/** A QueryFailedError as TypeORM throws it: the SQL, its parameters, and a driver message quoting the value. */
function queryFailed(code = '22P02'): QueryFailedError {
  const driverError = Object.assign(new Error(`invalid input syntax for type uuid: "${NAME}"`), {
    code,
    severity: 'ERROR',
    detail: `Key (email)=(${EMAIL}) already exists.`,
  });
  return new QueryFailedError(
    'INSERT INTO vetting_case (application) VALUES ($1)',
    [NAME, EMAIL],
    driverError,
  );
}

function capture(): { text: () => string; logger: ReturnType<typeof createAppLogger> } {
  const lines: string[] = [];
  const logger = createAppLogger({
    format: 'json',
    service: 'worker',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  });
  return { text: () => lines.join(''), logger };
}

describe('log sanitiser', () => {
  it('describes a database error by its SQLSTATE only', () => {
    expect(describeError(queryFailed())).toBe('database error (SQLSTATE 22P02)');
    expect(describeError(new Error('plain'))).toBe('Error: plain');
    expect(describeError(String(queryFailed()))).not.toContain(NAME);
  });

  it('keeps SQL parameters and quoted values out of every way an error reaches a line', () => {
    const { text, logger } = capture();
    const error = queryFailed();
    logger.error({ err: error }, 'pino err key');
    logger.error({ error }, 'an error field');
    logger.error({ message: 'stringified', error: String(error) });
    logger.error({ nested: { failure: { cause: error } } }, 'nested');
    logger.warn({ parameters: [NAME], query: 'SELECT $1', payload: { givenName: NAME } }, 'payload fields');
    logger.info(`query failed: SELECT 1 -- PARAMETERS: ["${EMAIL}"]`);
    temporalLogSink(logger)({
      level: 'WARN',
      message: 'Activity failed',
      timestampNanos: 0n,
      meta: { activityType: 'recordTransition', error },
    });
    const output = text();
    expect(output).not.toContain(NAME);
    expect(output).not.toContain(EMAIL);
    expect(output).not.toContain('INSERT INTO');
    expect(output).toContain('22P02');
    expect(output.split('\n').filter(Boolean)).toHaveLength(7);
  });

  it('leaves ordinary fields, and objects it does not own, alone', () => {
    class Request {
      method = 'GET';
    }
    const request = new Request();
    expect(sanitiseLogFields({ caseId: 'c', n: 3, ok: true, list: ['a'], req: request })).toEqual({
      caseId: 'c',
      n: 3,
      ok: true,
      list: ['a'],
      req: request,
    });
  });
});

describe('databaseSqlState', () => {
  it("reads the SQLSTATE of TypeORM's error and of the driver's, and of nothing else", () => {
    expect(databaseSqlState(queryFailed('23514'))).toBe('23514');
    expect(databaseSqlState(Object.assign(new Error('x'), { code: '22001', severity: 'ERROR' }))).toBe(
      '22001',
    );
    expect(databaseSqlState(Object.assign(new Error('broken pipe'), { code: 'EPIPE' }))).toBeNull();
    expect(databaseSqlState('22001')).toBeNull();
    expect(databaseSqlState(null)).toBeNull();
  });
});
