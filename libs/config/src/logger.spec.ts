import { Writable } from 'node:stream';
import { createAppLogger, temporalLogSink } from './logger';

function capture(format: 'json' | 'text' = 'json'): {
  lines: string[];
  logger: ReturnType<typeof createAppLogger>;
} {
  const lines: string[] = [];
  const logger = createAppLogger({
    format,
    service: 'worker',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  });
  return { lines, logger };
}

const CASE_ID = '6f1c2b1e-1d1a-4c8e-9f0a-0123456789ab';

describe('the app logger', () => {
  it('writes one JSON object per line with an ISO timestamp, a level name and the service', () => {
    const { lines, logger } = capture();
    logger.info({ caseId: CASE_ID }, 'case transition');
    expect(lines).toHaveLength(1);
    expect(lines[0].trimEnd().split('\n')).toHaveLength(1);
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'info',
      service: 'worker',
      caseId: CASE_ID,
      message: 'case transition',
    });
    expect(line.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('redacts tokens, secrets and personal fields logged by mistake, at the top level and one level down', () => {
    const { lines, logger } = capture();
    logger.info({ authorization: 'Bearer abc', detail: { email: 'a@b.example', token: 't0k3n' } }, 'oops');
    expect(lines[0]).not.toMatch(/abc|a@b\.example|t0k3n/);
    expect(lines[0]).toContain('[redacted]');
  });
});

describe('temporalLogSink', () => {
  it('turns an activity log entry into one quiet line with the case id and without the task token', () => {
    const { lines, logger } = capture();
    temporalLogSink(logger)({
      level: 'INFO',
      message: 'case transition recorded',
      timestampNanos: 0n,
      meta: {
        sdkComponent: 'activity',
        isLocal: false,
        attempt: 1,
        namespace: 'default',
        taskToken: 'CiQ0YjQ2secret-token',
        activityId: '3',
        activityType: 'recordTransition',
        taskQueue: 'vetting-cases',
        workflowId: `vetting-case-${CASE_ID}`,
        workflowRunId: 'run-1',
        workflowType: 'vettingCaseWorkflow',
        seq: 4,
      },
    });
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).toEqual({
      level: 'info',
      time: expect.any(String) as string,
      service: 'worker',
      context: 'temporal:activity',
      message: 'case transition recorded',
      activityType: 'recordTransition',
      workflowType: 'vettingCaseWorkflow',
      seq: 4,
      caseId: CASE_ID,
    });
  });

  it('keeps the attempt of a retry and the id of a workflow that is not a case', () => {
    const { lines, logger } = capture();
    temporalLogSink(logger)({
      level: 'WARN',
      message: 'email not sent; will retry',
      timestampNanos: 0n,
      meta: { sdkComponent: 'activity', attempt: 3, workflowId: 'vetting-invitation-x' },
    });
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 'warn',
      attempt: 3,
      workflowId: 'vetting-invitation-x',
    });
  });

  it('writes text as one line per event, without colour codes', () => {
    const { lines, logger } = capture('text');
    logger.info({ caseId: CASE_ID }, 'case screened');
    const text = lines.join('');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text).toContain('case screened');
    expect(text).toContain(CASE_ID);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/\u001b\[/);
  });

  it("keeps a multi-line report (webpack's) to its last line", () => {
    const { lines, logger } = capture();
    temporalLogSink(logger)({
      level: 'INFO',
      message:
        'asset workflow-bundle.js 2.18 MiB\nmodules by path ./libs/\n\nwebpack compiled successfully in 12741 ms',
      timestampNanos: 0n,
      meta: { sdkComponent: 'worker' },
    });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ message: 'webpack compiled successfully in 12741 ms' });
  });
});
