import { SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { RedactingSpanExporter } from './redacting-span-exporter';

describe('RedactingSpanExporter', () => {
  it('exports spans without error messages, stacks or termination reasons, keeping the rest', () => {
    const memory = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(new RedactingSpanExporter(memory))],
    });
    const span = provider.getTracer('test').startSpan('RunActivity:recordEvent');
    span.setAttribute('temporalWorkflowId', 'vetting-case-1');
    span.setAttribute('temporalTerminateReason', 'Alex Morgan asked to stop');
    const failure = new Error('insert failed: parameters ["Alex Morgan", "1995-04-12"]');
    span.recordException(failure);
    span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
    span.end();

    const [exported] = memory.getFinishedSpans();
    expect(exported?.name).toBe('RunActivity:recordEvent');
    expect(exported?.attributes).toEqual({ temporalWorkflowId: 'vetting-case-1' });
    expect(exported?.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(exported?.events[0]?.attributes).toEqual({ 'exception.type': 'Error' });
    expect(exported?.spanContext().traceId).toBe(span.spanContext().traceId);
    expect(JSON.stringify(exported?.attributes) + JSON.stringify(exported?.events)).not.toMatch(/Alex|1995/);
  });
});
