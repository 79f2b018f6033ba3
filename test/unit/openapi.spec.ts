import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createOpenApiDocument } from '../../apps/api/src/api.factory';
import { AppModule } from '../../apps/api/src/app.module';

// The OpenAPI document is what partners and front ends build against: it must resolve, and it must say how
// every operation can fail. Built in preview mode, which reads the modules' metadata without a database.

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Record<string, unknown>;
}
interface Response {
  content?: Record<string, { schema?: unknown }>;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: unknown;
  responses: Record<string, Response>;
  security?: Record<string, string[]>[];
}

let app: INestApplication;
let doc: OpenAPIObject;
let operations: { method: string; path: string; op: Operation }[];

beforeAll(async () => {
  app = await NestFactory.create(AppModule, { preview: true, logger: false });
  doc = createOpenApiDocument(app);
  if (process.env.OPENAPI_DUMP) writeFileSync(process.env.OPENAPI_DUMP, JSON.stringify(doc, null, 2));
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ method, path, op })),
  );
}, 120_000);
afterAll(() => app.close());

/** Routes that take no bearer token: their own authentication, or none. */
const PUBLIC = [
  'GET /health',
  'GET /health/ready',
  'GET /health/live',
  'POST /providers/{provider}/callbacks',
];
/** Headers whose absence is an error on their route. */
const REQUIRED_HEADERS = ['X-Provider-Signature', 'X-Provider-Timestamp', 'X-Provider-Nonce'];

function refsIn(value: unknown, at: string, found: { at: string; ref: unknown }[] = []): typeof found {
  if (Array.isArray(value)) value.forEach((v, i) => refsIn(v, `${at}/${i}`, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref') found.push({ at, ref: v });
      else refsIn(v, `${at}/${key}`, found);
    }
  }
  return found;
}

const name = ({ method, path }: { method: string; path: string }): string =>
  `${method.toUpperCase()} ${path}`;

describe('the OpenAPI document', () => {
  it('has every route, and every $ref resolves to a schema', () => {
    expect(operations.length).toBeGreaterThanOrEqual(42);
    const schemas = Object.keys(doc.components?.schemas ?? {});
    const broken = refsIn(doc, '#').filter(
      ({ ref }) =>
        typeof ref !== 'string' ||
        !ref.startsWith('#/components/schemas/') ||
        !schemas.includes(ref.slice('#/components/schemas/'.length)),
    );
    expect(broken).toEqual([]);
  });

  it('declares a bearer token, 401 and 403 on every operation but the public ones', () => {
    const missing = operations
      .filter((o) => !PUBLIC.includes(name(o)))
      .filter(
        ({ op }) => !op.security?.some((s) => 'bearer' in s) || !op.responses['401'] || !op.responses['403'],
      )
      .map(name);
    expect(missing).toEqual([]);
    const publicWithToken = operations.filter((o) => PUBLIC.includes(name(o)) && o.op.security).map(name);
    expect(publicWithToken).toEqual([]);
  });

  it('declares 400 where there is input, 413 and 415 where there is a body, and 429 everywhere', () => {
    const missing = operations.flatMap((o) => {
      const { op } = o;
      const takesInput = op.requestBody !== undefined || (op.parameters ?? []).some((p) => p.in !== 'header');
      const expected = ['429', ...(takesInput ? ['400'] : []), ...(op.requestBody ? ['413', '415'] : [])];
      return expected.filter((status) => !op.responses[status]).map((status) => `${name(o)} ${status}`);
    });
    expect(missing).toEqual([]);
  });

  it('describes the body of every successful answer that has one', () => {
    const bare = operations.flatMap((o) =>
      Object.entries(o.op.responses)
        .filter(
          ([status, r]) => /^2/.test(status) && status !== '204' && !r.content?.['application/json']?.schema,
        )
        .map(([status]) => `${name(o)} ${status}`),
    );
    expect(bare).toEqual([]);
  });

  it('types page and pageSize as integers', () => {
    const paged = operations.flatMap(({ op }) =>
      (op.parameters ?? []).filter((p) => p.name === 'page' || p.name === 'pageSize'),
    );
    expect(paged.length).toBeGreaterThan(0);
    for (const p of paged) expect(p.schema).toMatchObject({ type: 'integer' });
  });

  it('marks a header required only when the route refuses a request without it, and lists each header once', () => {
    for (const o of operations) {
      const headers = (o.op.parameters ?? []).filter((p) => p.in === 'header');
      const names = headers.map((h) => h.name.toLowerCase());
      expect([name(o), new Set(names).size]).toEqual([name(o), names.length]);
      const required = headers.filter((h) => h.required).map((h) => h.name);
      expect([name(o), required.filter((h) => !REQUIRED_HEADERS.includes(h))]).toEqual([name(o), []]);
    }
  });
});
