import { ConfigError, observabilityConfig } from '../../config/src';

/** Which of our processes is reading the configuration; it names the traces and picks defaults. */
export type ServiceRole = 'api' | 'worker' | 'web';

/** Where a process listens and what it reports: bind address, metrics, health, tracing. */
export interface ObservabilityConfig {
  /** Address every listener of the process binds (the API, its metrics, the worker's health and metrics). */
  host: string;
  /** Prometheus scrape port: the API's own registry, or the Temporal SDK's exporter in the worker. Null: off. */
  metricsPort: number | null;
  /** The worker's liveness/readiness listener (the API serves health on its own port). Null: off. */
  healthPort: number | null;
  /** How long business gauges read from the read-model are reused between scrapes. */
  businessMetricsTtlMs: number;
  tracing: {
    /** Spans are exported only when an OTLP endpoint is configured (the exporter reads the standard variables). */
    enabled: boolean;
    serviceName: string;
  };
}

/** Thrown when a variable is wrong; lists every problem so one restart fixes them all. */
export class ObservabilityConfigError extends ConfigError {
  constructor(problems: string[]) {
    super(problems);
    this.name = 'ObservabilityConfigError';
  }
}

/**
 * Reads HOST, METRICS_PORT, HEALTH_PORT, BUSINESS_METRICS_TTL_MS and the OpenTelemetry variables through the
 * configuration's observability concern (validated and documented with the rest in docs/configuration.md); the
 * service name defaults to the process's role.
 */
export function loadObservabilityConfig(
  role: ServiceRole,
  env: NodeJS.ProcessEnv = process.env,
): ObservabilityConfig {
  const problems: string[] = [];
  const settings = observabilityConfig.read(env, problems);
  if (problems.length > 0) throw new ObservabilityConfigError(problems);
  return {
    ...settings,
    tracing: {
      enabled: settings.tracing.enabled,
      serviceName: settings.tracing.serviceName ?? `vetting-${role}`,
    },
  };
}

/** For entry points: on a bad value prints every problem and exits with 2, like loadConfigOrExit. */
export function loadObservabilityConfigOrExit(role: ServiceRole): ObservabilityConfig {
  try {
    return loadObservabilityConfig(role);
  } catch (error) {
    if (error instanceof ObservabilityConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
