import { isIP } from 'node:net';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { defineConcern, Variable } from './variables';

/** A hostname (RFC 1123 labels) or an IPv4/IPv6 literal. */
function isHost(value: string): boolean {
  if (isIP(value) !== 0) return true;
  return /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(
    value,
  );
}

// Blank means unset here: container environments often pass an empty value to switch a listener off.
const BlankIsUnset = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() === '' ? undefined : value,
  );
/** Blank is unset; any other string becomes a number for @IsInt to judge. */
const OptionalNumber = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    return value.trim() === '' ? undefined : Number(value);
  });

class ObservabilityVariables {
  // Checked in build (an IP literal or a host name), which class-validator has no single rule for.
  @Variable(
    'address every listener of the process binds (API, web, metrics, the worker health port); the container image sets `0.0.0.0`',
  )
  @BlankIsUnset()
  @IsString()
  @IsOptional()
  HOST?: string = '127.0.0.1';

  @Variable(
    'Prometheus scrape port: the API registry, or the Temporal SDK exporter in the worker; unset turns it off',
    { default: 'off' },
  )
  @OptionalNumber()
  @IsInt({ message: 'METRICS_PORT must be a port number from 1 to 65535' })
  @Min(1, { message: 'METRICS_PORT must be a port number from 1 to 65535' })
  @Max(65535, { message: 'METRICS_PORT must be a port number from 1 to 65535' })
  @IsOptional()
  METRICS_PORT?: number;

  @Variable(
    'the worker liveness/readiness port (the API serves health on its own port); unset turns it off',
    {
      default: 'off',
    },
  )
  @OptionalNumber()
  @IsInt({ message: 'HEALTH_PORT must be a port number from 1 to 65535' })
  @Min(1, { message: 'HEALTH_PORT must be a port number from 1 to 65535' })
  @Max(65535, { message: 'HEALTH_PORT must be a port number from 1 to 65535' })
  @IsOptional()
  HEALTH_PORT?: number;

  @Variable('how long business gauges read from the read-model are reused between scrapes (0: every scrape)')
  @OptionalNumber()
  @IsInt({
    message: 'BUSINESS_METRICS_TTL_MS must be a whole number of milliseconds (0 reads on every scrape)',
  })
  @Min(0, {
    message: 'BUSINESS_METRICS_TTL_MS must be a whole number of milliseconds (0 reads on every scrape)',
  })
  @IsOptional()
  BUSINESS_METRICS_TTL_MS?: number = 15_000;

  @Variable('OTLP/HTTP collector; spans are exported only when this (or the traces-only variable) is set', {
    default: 'off',
  })
  @Matches(/^https?:\/\/\S+$/, {
    message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, e.g. http://otel-collector:4318',
  })
  @BlankIsUnset()
  @IsOptional()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @Variable('OTLP/HTTP collector for traces only; overrides `OTEL_EXPORTER_OTLP_ENDPOINT`', {
    default: 'off',
  })
  @Matches(/^https?:\/\/\S+$/, {
    message:
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http(s) URL, e.g. http://otel-collector:4318/v1/traces',
  })
  @BlankIsUnset()
  @IsOptional()
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  @Variable('`none` keeps tracing off even with an endpoint (the OpenTelemetry convention)', {
    default: 'unset',
  })
  @IsString()
  @IsOptional()
  OTEL_TRACES_EXPORTER?: string;

  @Variable('`true` turns the OpenTelemetry SDK off', { default: '`false`' })
  @IsIn(['true', 'false'])
  @IsOptional()
  OTEL_SDK_DISABLED?: 'true' | 'false';

  @Variable('the service name on spans', { default: '`vetting-api`, `vetting-worker` or `vetting-web`' })
  @IsString()
  @IsOptional()
  OTEL_SERVICE_NAME?: string;
}

/** Where a process listens and what it reports; the service name defaults per process (libs/observability). */
export interface ObservabilitySettings {
  host: string;
  metricsPort: number | null;
  healthPort: number | null;
  businessMetricsTtlMs: number;
  tracing: { enabled: boolean; serviceName: string | null };
}

/** HOST, METRICS_PORT, HEALTH_PORT, BUSINESS_METRICS_TTL_MS and the OpenTelemetry variables. */
export const observabilityConfig = defineConcern({
  title: 'Listeners, metrics and tracing',
  summary:
    'Where each process listens and what it reports. HOST defaults to loopback: a process is reachable from elsewhere only when someone says so.',
  variables: ObservabilityVariables,
  build: (vars, problems): ObservabilitySettings => {
    const host = vars.HOST?.trim() || '127.0.0.1';
    if (!isHost(host))
      problems.push(`HOST must be an IP address or a host name, got ${JSON.stringify(vars.HOST)}`);
    const endpoint = (
      vars.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
      vars.OTEL_EXPORTER_OTLP_ENDPOINT ??
      ''
    ).trim();
    const tracesOff =
      (vars.OTEL_TRACES_EXPORTER ?? '').trim() === 'none' || vars.OTEL_SDK_DISABLED === 'true';
    return {
      host,
      metricsPort: vars.METRICS_PORT ?? null,
      healthPort: vars.HEALTH_PORT ?? null,
      businessMetricsTtlMs: vars.BUSINESS_METRICS_TTL_MS ?? 15_000,
      tracing: {
        enabled: endpoint !== '' && !tracesOff,
        serviceName: (vars.OTEL_SERVICE_NAME ?? '').trim() || null,
      },
    };
  },
});
