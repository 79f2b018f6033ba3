import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { shutdownTracing, startTracing } from '../../libs/observability/src/tracing';
import { ApiHarness } from '../support/api-harness';
import { eligibleApplication } from '../support/fixtures';
import { newApplicant } from '../support/principals';
import { until } from '../support/until';

/** A span as the test compares them, whichever process exported it. */
interface SpanRecord {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  service: string;
}

interface OtlpJson {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: { name: string; traceId: string; spanId: string; parentSpanId?: string }[] }[];
  }[];
}

/** OTLP/JSON ids are hex; some encoders send base64. */
function hex(id: string | undefined): string | undefined {
  if (!id) return undefined;
  return /^[0-9a-f]+$/i.test(id) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex');
}

// The API runs in this process with an in-memory exporter; the worker is a real child process exporting
// over OTLP/HTTP to a collector this test runs, as it would to a real one once OTEL_EXPORTER_OTLP_ENDPOINT is set.
const apiSpans = new InMemorySpanExporter();
const received: SpanRecord[] = [];
const bodies: string[] = [];
let collector: Server;
let api: ApiHarness;

beforeAll(async () => {
  collector = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      bodies.push(body);
      const parsed = JSON.parse(body) as OtlpJson;
      for (const resourceSpans of parsed.resourceSpans ?? []) {
        const service =
          resourceSpans.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            received.push({
              name: span.name,
              traceId: hex(span.traceId) ?? '',
              spanId: hex(span.spanId) ?? '',
              parentSpanId: hex(span.parentSpanId),
              service,
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const address = collector.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  startTracing({ serviceName: 'vetting-api', exporter: apiSpans, immediate: true });
  api = new ApiHarness(
    {},
    {
      worker: true,
      workerEnv: {
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        OTEL_BSP_SCHEDULE_DELAY: '200',
      },
    },
  );
  await api.start();
}, 400_000);

afterAll(async () => {
  await api?.stop();
  await shutdownTracing();
  await new Promise((resolve) => collector?.close(resolve));
});

describe('OpenTelemetry tracing', () => {
  it('follows one submission from the HTTP request through the Temporal client, the workflow and its activities', async () => {
    const application = eligibleApplication();
    const res = await api.as(newApplicant()).post('/applications', application);
    expect([201, 202]).toContain(res.status);

    const http = apiSpans
      .getFinishedSpans()
      .find((s) => s.kind === SpanKind.SERVER && s.name === 'POST /applications');
    expect(http).toBeDefined();
    const traceId = http?.spanContext().traceId ?? '';
    const fromApi: SpanRecord[] = apiSpans
      .getFinishedSpans()
      .filter((s) => s.spanContext().traceId === traceId)
      .map((s) => ({
        name: s.name,
        traceId,
        spanId: s.spanContext().spanId,
        parentSpanId: s.parentSpanId,
        service: 'vetting-api',
      }));
    const start = fromApi.find((s) => s.name.startsWith('StartWorkflow:vettingCaseWorkflow'));
    expect(start?.parentSpanId).toBe(http?.spanContext().spanId);

    // The worker's spans arrive at the collector in batches. The workflow's own RunWorkflow span ends only when
    // the case does (months later), so the chain is checked through its children: the activities it scheduled,
    // and the update handler the API's request waited on.
    const apiIds = new Set(fromApi.map((s) => s.spanId));
    const chain = await until(
      'workflow and activity spans of the same trace from the worker',
      () => {
        const worker = received.filter((s) => s.traceId === traceId);
        const byId = new Map(worker.map((s) => [s.spanId, s]));
        const activity = worker.find((s) => {
          const scheduled = s.parentSpanId ? byId.get(s.parentSpanId) : undefined;
          return s.name.startsWith('RunActivity:') && scheduled?.name.startsWith('StartActivity:');
        });
        const scheduled = activity?.parentSpanId ? byId.get(activity.parentSpanId) : undefined;
        // A workflow-side span whose parent is a span of the API: the context crossed the process boundary.
        const handled = worker.find((s) => s.parentSpanId !== undefined && apiIds.has(s.parentSpanId));
        return activity && scheduled && handled ? { activity, scheduled, handled } : undefined;
      },
      120_000,
      500,
    ).catch((error: unknown) => {
      const names = received.map((r) => `${r.service}:${r.name}:${r.traceId === traceId ? 'same' : 'other'}`);
      throw new Error(`${String(error)}; the collector got ${bodies.length} batches: ${names.join(', ')}`);
    });
    expect(chain.activity.service).toBe('vetting-worker');
    // StartActivity is a child of the workflow run (still open), not of anything in the API.
    expect(chain.scheduled.parentSpanId).toBeDefined();
    expect(apiIds.has(chain.scheduled.parentSpanId ?? '')).toBe(false);
    expect(chain.handled.name).toMatch(/^(HandleUpdate|RunWorkflow|HandleSignal):/);

    // Nothing the applicant typed travels with the spans.
    const exported = bodies.join('\n');
    expect(exported).not.toContain(application.familyName);
    expect(exported).not.toContain(application.email);
  });
});
