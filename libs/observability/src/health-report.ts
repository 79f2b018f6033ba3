/** One dependency a process needs to do its work, and a cheap way to ask whether it answers. */
export interface DependencyCheck {
  /** Stable name operators read in the 503: `database`, `temporal`, `worker`. */
  name: string;
  /** Resolves when the dependency answers; rejects (or never settles) when it does not. */
  probe: () => Promise<void>;
}

export interface DependencyUp {
  status: 'up';
}

export interface DependencyDown {
  status: 'down';
  /**
   * `timeout` or `error`. The underlying message (host names, addresses, driver text) goes to the log, not into
   * this body: health routes are unauthenticated.
   */
  reason: 'timeout' | 'error';
}

/**
 * The readiness answer. `info`/`error`/`details` keep the shape @nestjs/terminus gives (which tooling and the
 * existing clients read); `message` says in one line which dependencies are down.
 */
export interface HealthReport {
  status: 'ok' | 'error';
  message: string;
  info: Record<string, DependencyUp>;
  error: Record<string, DependencyDown>;
  details: Record<string, DependencyUp | DependencyDown>;
}

export interface ProbeFailure {
  name: string;
  reason: DependencyDown['reason'];
  error: unknown;
}

class ProbeTimeout extends Error {}

function withTimeout(probe: () => Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  // A probe that throws synchronously is as down as one that rejects.
  const running = Promise.resolve().then(probe);
  return Promise.race([running, timedOut]).finally(() => clearTimeout(timer));
}

/**
 * Probes every dependency in parallel, each bounded by `timeoutMs`, and reports which are down. `onFailure`
 * receives the underlying error of each failed probe so the caller can log it.
 */
export async function checkDependencies(
  checks: readonly DependencyCheck[],
  timeoutMs: number,
  onFailure: (failure: ProbeFailure) => void = () => undefined,
): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async ({ name, probe }): Promise<[string, DependencyUp | DependencyDown]> => {
      try {
        await withTimeout(probe, timeoutMs);
        return [name, { status: 'up' }];
      } catch (error) {
        const reason = error instanceof ProbeTimeout ? 'timeout' : 'error';
        onFailure({ name, reason, error });
        return [name, { status: 'down', reason }];
      }
    }),
  );
  const details = Object.fromEntries(results);
  const info: Record<string, DependencyUp> = {};
  const error: Record<string, DependencyDown> = {};
  for (const [name, result] of results) {
    if (result.status === 'up') info[name] = result;
    else error[name] = result;
  }
  const down = Object.entries(error).map(([name, r]) => `${name} (${r.reason})`);
  return {
    status: down.length === 0 ? 'ok' : 'error',
    message: down.length === 0 ? 'ready' : `not ready: ${down.join(', ')} down`,
    info,
    error,
    details,
  };
}

/** Liveness: the process is serving. It never consults dependencies, so an outage elsewhere restarts nothing. */
export function aliveReport(): HealthReport {
  return { status: 'ok', message: 'alive', info: {}, error: {}, details: {} };
}
