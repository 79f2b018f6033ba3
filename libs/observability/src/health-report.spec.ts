import { checkDependencies } from './health-report';

describe('checkDependencies', () => {
  it('is ok when every dependency answers', async () => {
    const report = await checkDependencies(
      [
        { name: 'database', probe: () => Promise.resolve() },
        { name: 'temporal', probe: () => Promise.resolve() },
      ],
      100,
    );
    expect(report).toEqual({
      status: 'ok',
      message: 'ready',
      info: { database: { status: 'up' }, temporal: { status: 'up' } },
      error: {},
      details: { database: { status: 'up' }, temporal: { status: 'up' } },
    });
  });

  it('names the dependency that is down and why, without its error text', async () => {
    const failures: string[] = [];
    const report = await checkDependencies(
      [
        { name: 'database', probe: () => Promise.resolve() },
        { name: 'temporal', probe: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:7233')) },
        { name: 'worker', probe: () => new Promise<void>(() => undefined) },
      ],
      50,
      (f) => failures.push(`${f.name}:${f.reason}:${String(f.error)}`),
    );
    expect(report.status).toBe('error');
    expect(report.message).toBe('not ready: temporal (error), worker (timeout) down');
    expect(report.error).toEqual({
      temporal: { status: 'down', reason: 'error' },
      worker: { status: 'down', reason: 'timeout' },
    });
    expect(report.info).toEqual({ database: { status: 'up' } });
    expect(JSON.stringify(report)).not.toContain('10.0.0.7');
    expect(failures).toEqual([
      'temporal:error:Error: connect ECONNREFUSED 10.0.0.7:7233',
      'worker:timeout:Error: no answer within 50 ms',
    ]);
  });

  it('treats a probe that throws synchronously as down', async () => {
    const report = await checkDependencies(
      [
        {
          name: 'database',
          probe: () => {
            throw new Error('pool closed');
          },
        },
      ],
      50,
    );
    expect(report.error).toEqual({ database: { status: 'down', reason: 'error' } });
  });
});
