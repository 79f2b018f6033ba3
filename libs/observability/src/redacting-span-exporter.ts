import type { Attributes } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter, TimedEvent } from '@opentelemetry/sdk-trace-base';

/**
 * Attributes that carry free text someone else wrote: an error's message and stack (a database error can quote
 * the row it failed to write), or a workflow termination reason. Spans leave the process for a tracing
 * backend that is not cleared for personal data, so these never go with them; the type of an exception does.
 */
const FREE_TEXT_ATTRIBUTES = new Set([
  'exception.message',
  'exception.stacktrace',
  'temporalTerminateReason',
  'db.statement',
  'db.query.text',
  'url.query',
  'http.url',
  'url.full',
]);

function scrub(attributes: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([key]) => !FREE_TEXT_ATTRIBUTES.has(key)));
}

/** A copy of the span without free text: status message dropped, attributes and event attributes scrubbed. */
export function redactSpan(span: ReadableSpan): ReadableSpan {
  const events: TimedEvent[] = span.events.map((event) => ({
    ...event,
    attributes: event.attributes ? scrub(event.attributes) : undefined,
  }));
  // The prototype carries getters some exporters read (spanContext(), instrumentationLibrary, ...).
  const copy = Object.create(span) as ReadableSpan;
  Object.defineProperties(copy, {
    attributes: { value: scrub(span.attributes), enumerable: true },
    events: { value: events, enumerable: true },
    status: { value: { code: span.status.code }, enumerable: true },
  });
  return copy;
}

/** Wraps the real exporter so that every span is redacted on its way out, whoever created it. */
export class RedactingSpanExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans.map(redactSpan), resultCallback);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
