import { loadObservabilityConfig, ObservabilityConfigError } from './observability-config';

describe('loadObservabilityConfig', () => {
  it('binds loopback with metrics, health and tracing off when nothing is set', () => {
    expect(loadObservabilityConfig('api', {})).toEqual({
      host: '127.0.0.1',
      metricsPort: null,
      healthPort: null,
      businessMetricsTtlMs: 15_000,
      tracing: { enabled: false, serviceName: 'vetting-api' },
    });
  });

  it('takes HOST, ports and an OTLP endpoint', () => {
    const config = loadObservabilityConfig('worker', {
      HOST: '0.0.0.0',
      METRICS_PORT: '9464',
      HEALTH_PORT: '8081',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_SERVICE_NAME: 'vetting-worker-blue',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      metricsPort: 9464,
      healthPort: 8081,
      tracing: { enabled: true, serviceName: 'vetting-worker-blue' },
    });
    expect(loadObservabilityConfig('api', { HOST: '::' }).host).toBe('::');
    expect(loadObservabilityConfig('api', { HOST: 'api.internal' }).host).toBe('api.internal');
  });

  it('keeps tracing off when the SDK is disabled even with an endpoint', () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' };
    expect(loadObservabilityConfig('api', env).tracing.enabled).toBe(false);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadObservabilityConfig('api', {
        HOST: 'not a host!',
        METRICS_PORT: '70000',
        HEALTH_PORT: 'x',
        BUSINESS_METRICS_TTL_MS: '-1',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ObservabilityConfigError);
    const problems = (error as ObservabilityConfigError).problems.join('\n');
    for (const name of [
      'HOST',
      'METRICS_PORT',
      'HEALTH_PORT',
      'BUSINESS_METRICS_TTL_MS',
      'OTEL_EXPORTER_OTLP',
    ]) {
      expect(problems).toContain(name);
    }
  });
});
