import type { Tracer } from '@opentelemetry/api';
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { BatchSpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { RedactingSpanExporter } from './redacting-span-exporter';

/** The process's tracer provider, and what the Temporal worker needs to export workflow spans through it. */
export interface Tracing {
  resource: Resource;
  spanProcessor: SpanProcessor;
  tracer: Tracer;
  /** Flushes spans still buffered and stops exporting. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  serviceName: string;
  /** Tests pass an in-memory exporter; otherwise OTLP over HTTP, configured by the standard OTEL_* variables. */
  exporter?: SpanExporter;
  /** Export each span as it ends (tests) instead of in batches. */
  immediate?: boolean;
}

/** One provider per process, like the OpenTelemetry API's own global; shut down with the process. */
let active: Tracing | undefined;

/**
 * Registers a global tracer provider (AsyncLocalStorage context, W3C trace context propagation) exporting
 * redacted spans. Call once per process, before the Temporal client or worker is created, and only when an
 * endpoint is configured: without a provider every span is a no-op and nothing leaves the process.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (active) throw new Error('tracing is already started in this process');
  const resource = new Resource({ [ATTR_SERVICE_NAME]: options.serviceName });
  const exporter = new RedactingSpanExporter(options.exporter ?? new OTLPTraceExporter());
  const spanProcessor = options.immediate
    ? new SimpleSpanProcessor(exporter)
    : new BatchSpanProcessor(exporter);
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  const tracing: Tracing = {
    resource,
    spanProcessor,
    tracer: trace.getTracer('vetting-case-management'),
    shutdown: async () => {
      if (active === tracing) active = undefined;
      await provider.shutdown();
    },
  };
  active = tracing;
  return tracing;
}

/** The tracing this process started, if any. */
export function activeTracing(): Tracing | undefined {
  return active;
}

/** Flushes and stops the process's tracing, if it was started; safe to call when it was not. */
export async function shutdownTracing(): Promise<void> {
  await active?.shutdown();
}
