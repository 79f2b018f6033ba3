import request from 'supertest';
import type { OpenAPIObject } from '@nestjs/swagger';
import { MAX_TEXT_LENGTH, ROLES } from '../../libs/domain/src';
import type { Principal } from '../../libs/domain/src';
import { createOpenApiDocument } from '../../apps/api/src/api.factory';
import { ApiHarness } from '../support/api-harness';
import { DvFlow } from '../support/dv-flow';
import { lead, officer, TEAM } from '../support/principals';

/**
 * Property: every Unicode edge, sent through every free-text field of every write route, is refused with 400
 * naming that field, changes nothing, and leaves the case taking valid actions. The routes and their fields
 * come from the OpenAPI document, so a new route or field is covered without editing this test.
 */
const api = new ApiHarness({ RATE_LIMIT_PER_MINUTE: '1000000' }, { worker: true });
const dv = new DvFlow(api);
beforeAll(() => api.start(), 120_000);
afterAll(() => api.stop());

/** The deterministic generator table: each edge once, named for the failure message. */
const EDGES: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ...[0x01, 0x07, 0x08, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f].map((c): [string, string] => [
    `C0 U+${c.toString(16).padStart(4, '0')}`,
    `x${String.fromCharCode(c)}y`,
  ]),
  ['DEL', 'x\u007f'],
  ['C1 U+0085', 'x\u0085'],
  ['C1 U+009F', 'x\u009f'],
  ['lone high surrogate', 'x\ud800y'],
  ['lone low surrogate', 'x\udfffy'],
  ['reversed surrogate pair', '\udc00\ud800'],
  ['non-character U+FFFE', '\ufffe'],
  ['non-character U+FFFF', 'x\uffff'],
  ['non-character U+FDD0', '\ufdd0'],
  ['non-character U+1FFFF', '\ud83f\udfff'],
  ['non-character U+10FFFF', '\udbff\udfff'],
  ['over-long string', 'x'.repeat(MAX_TEXT_LENGTH + 1)],
];

/** Someone every role guard lets through, so each request reaches the edge check whatever the route. */
const everyone: Principal = { subject: 'edge-prober', roles: [...ROLES], team: TEAM };

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};

/** Dotted paths of every string field in a schema (array items as `.0`), following $refs. */
function stringFields(doc: OpenAPIObject, schema: Schema | undefined, path = '', depth = 0): string[] {
  if (!schema || depth > 8) return [];
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() ?? '';
    return stringFields(doc, doc.components?.schemas?.[name], path, depth + 1);
  }
  const variants = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  if (variants.length > 0)
    return [...new Set(variants.flatMap((v) => stringFields(doc, v, path, depth + 1)))];
  if (schema.type === 'string') return [path];
  if (schema.type === 'array') return stringFields(doc, schema.items, `${path}.0`, depth + 1);
  return Object.entries(schema.properties ?? {}).flatMap(([key, child]) =>
    stringFields(doc, child, path ? `${path}.${key}` : key, depth + 1),
  );
}

/** A body holding `value` at a dotted path (`referees.0.name`), nothing else. */
function bodyWith(path: string, value: string): unknown {
  const keys = path.split('.');
  const build = (i: number): unknown => {
    if (i === keys.length) return value;
    const key = keys[i];
    return /^\d+$/.test(key) ? [build(i + 1)] : { [key]: build(i + 1) };
  };
  return build(0);
}

interface WriteRoute {
  method: 'post' | 'put';
  path: string;
  fields: string[];
}

function writeRoutes(doc: OpenAPIObject, caseId: string): WriteRoute[] {
  const params: Record<string, string> = {
    id: caseId,
    taskId: 'task-1',
    stage: 'INVESTIGATION',
    provider: 'simulated',
    notificationId: '00000000-0000-4000-8000-000000000000',
    invitationId: '00000000-0000-4000-8000-000000000000',
    clearanceId: '00000000-0000-4000-8000-000000000000',
  };
  return Object.entries(doc.paths).flatMap(([template, item]) =>
    (['post', 'put'] as const).flatMap((method) => {
      const op = item[method];
      const content = (op?.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)
        ?.content;
      const schema = content?.['application/json']?.schema;
      if (!op || !schema) return [];
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'x');
      return [{ method, path, fields: stringFields(doc, schema) }];
    }),
  );
}

it('refuses every Unicode edge in every free-text field of every write route, and the case goes on', async () => {
  const { caseId } = await dv.newCase();
  const routes = writeRoutes(createOpenApiDocument(api.app), caseId);
  const probed = routes.flatMap((r) => r.fields.map((f) => `${r.method} ${r.path} ${f}`));
  // The routes the issue named must be among those probed (guards the schema walk itself).
  expect(probed).toEqual(
    expect.arrayContaining([
      'post /applications givenName',
      `post /cases/${caseId}/withdrawal reason`,
      `post /cases/${caseId}/tasks title`,
      `put /cases/${caseId}/questionnaire/draft identity.familyName`,
    ]),
  );
  const before = await dv.inspect(caseId);
  const token = await api.tokenFor(everyone);
  const wrong: string[] = [];
  for (const route of routes) {
    for (const field of route.fields) {
      for (const [edge, value] of EDGES) {
        const res = await request(api.server)
          [route.method](route.path)
          .set('Authorization', `Bearer ${token}`)
          .set('X-Access-Reason', 'unicode edge property test')
          .send(bodyWith(field, value) as object);
        const fields = (
          (res.body as { details?: { fields?: { field: string }[] } }).details?.fields ?? []
        ).map((f) => f.field);
        if (res.status !== 400 || !fields.includes(field)) {
          wrong.push(
            `${route.method} ${route.path} ${field} ${edge}: ${res.status} ${JSON.stringify(fields)}`,
          );
        }
      }
    }
  }
  expect(wrong).toEqual([]);

  // Nothing changed, and the case still takes a valid action.
  const after = await dv.inspect(caseId);
  expect(after.history.length).toBe(before.history.length);
  expect(after.stage).toBe(before.stage);
  await dv.expectOk(lead, caseId, 'assignment', { officerId: officer.subject });
  expect((await dv.inspect(caseId)).assignee).toBe(officer.subject);
}, 600_000);

it('refuses Unicode edges in query parameters too', async () => {
  for (const [edge, value] of EDGES.filter(([name]) => !name.includes('surrogate'))) {
    const res = await api.as(everyone).get(`/cases?status=${encodeURIComponent(value)}`);
    expect({ edge, status: res.status }).toEqual({ edge, status: 400 });
  }
});
