import { ConfigError, DEFAULT_SIMULATED_OUTCOMES, loadConfig, recordCheckConfigFromEnv } from './app-config';

const SECRET = 'a-partner-secret-0123456789';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    recordCheckConfigFromEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('record-check configuration', () => {
  it('defaults to the simulated provider for every check, with the documented mix', () => {
    expect(recordCheckConfigFromEnv({})).toEqual({
      providers: {},
      callbackBaseUrl: null,
      simulated: {
        latencyMs: 2000,
        failureRate: 0,
        outcomes: DEFAULT_SIMULATED_OUTCOMES,
        seed: 1,
        force: {},
        outages: {},
      },
      allowSimulatedInProduction: false,
      callbackMaxAgeSeconds: 300,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@localhost:5432/db' }).recordChecks.providers).toEqual({});
  });

  it('reads HTTP providers, naming each after its check type unless told otherwise', () => {
    const config = recordCheckConfigFromEnv({
      RECORD_CHECK_PROVIDERS: JSON.stringify({
        SECURITY_SERVICE: { url: 'https://partner.example/checks', secret: SECRET },
        CREDIT_REFERENCE: { url: 'https://credit.example/v1', mode: 'poll', secret: SECRET, name: 'credit' },
      }),
      RECORD_CHECK_CALLBACK_BASE_URL: 'https://vetting.example',
    });
    expect(config.providers.SECURITY_SERVICE).toEqual({
      name: 'security-service',
      url: 'https://partner.example/checks',
      mode: 'callback',
      secret: SECRET,
      requestTimeoutMs: 10_000,
    });
    expect(config.providers.CREDIT_REFERENCE).toMatchObject({ name: 'credit', mode: 'poll' });
    expect(config.callbackBaseUrl).toBe('https://vetting.example');
  });

  it('reads the callback window, and refuses one too short to survive clock drift or too long to mean anything', () => {
    expect(recordCheckConfigFromEnv({ PROVIDER_CALLBACK_MAX_AGE_SECONDS: '60' }).callbackMaxAgeSeconds).toBe(
      60,
    );
    for (const bad of ['0', '4', '3601', 'five', '1.5']) {
      expect(() => recordCheckConfigFromEnv({ PROVIDER_CALLBACK_MAX_AGE_SECONDS: bad })).toThrow(
        /PROVIDER_CALLBACK_MAX_AGE_SECONDS/,
      );
    }
  });

  it('reads the simulated provider settings', () => {
    const { simulated } = recordCheckConfigFromEnv({
      SIMULATED_PROVIDER_LATENCY_MS: '50',
      SIMULATED_PROVIDER_FAILURE_RATE: '0.25',
      SIMULATED_PROVIDER_OUTCOMES: '{"CLEAR":1}',
      SIMULATED_PROVIDER_SEED: '42',
      SIMULATED_PROVIDER_FORCE: '{"CRIMINAL_RECORDS":"TRACE"}',
      SIMULATED_PROVIDER_OUTAGES: '{"CREDIT_REFERENCE":3}',
    });
    expect(simulated).toEqual({
      latencyMs: 50,
      failureRate: 0.25,
      outcomes: { CLEAR: 1, TRACE: 0, NEEDS_REVIEW: 0 },
      seed: 42,
      force: { CRIMINAL_RECORDS: 'TRACE' },
      outages: { CREDIT_REFERENCE: 3 },
    });
  });

  it('names every bad record-check variable at once', () => {
    expect(
      problems({
        RECORD_CHECK_PROVIDERS: JSON.stringify({
          NOPE: { url: 'https://x.example', secret: SECRET },
          SECURITY_SERVICE: { url: 'ftp://x', mode: 'push', secret: 'short', name: 'Bad Name' },
        }),
        RECORD_CHECK_CALLBACK_BASE_URL: 'https://vetting.example/',
        SIMULATED_PROVIDER_FAILURE_RATE: '1.5',
        SIMULATED_PROVIDER_OUTCOMES: '{"CLEAR":0}',
        SIMULATED_PROVIDER_FORCE: '{"CRIMINAL_RECORDS":"MAYBE"}',
        SIMULATED_PROVIDER_OUTAGES: 'three',
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /RECORD_CHECK_CALLBACK_BASE_URL must be an http\(s\) URL without a trailing slash/,
        ),
        expect.stringMatching(/SIMULATED_PROVIDER_FAILURE_RATE/),
        expect.stringMatching(/RECORD_CHECK_PROVIDERS.NOPE: unknown check type/),
        expect.stringMatching(/SECURITY_SERVICE.url/),
        expect.stringMatching(/SECURITY_SERVICE.mode/),
        expect.stringMatching(/SECURITY_SERVICE.secret/),
        expect.stringMatching(/SECURITY_SERVICE.name/),
        expect.stringMatching(/SIMULATED_PROVIDER_OUTCOMES must give at least one outcome/),
        expect.stringMatching(/SIMULATED_PROVIDER_FORCE.CRIMINAL_RECORDS/),
        expect.stringMatching(/SIMULATED_PROVIDER_OUTAGES must be a JSON object/),
      ]),
    );
  });

  it('refuses one provider name with two secrets, since callbacks are verified by name', () => {
    expect(
      problems({
        RECORD_CHECK_PROVIDERS: JSON.stringify({
          SECURITY_SERVICE: { url: 'https://p.example/a', secret: SECRET, name: 'p' },
          THIRD_PARTY: { url: 'https://p.example/b', secret: `${SECRET}-other`, name: 'p' },
        }),
      }),
    ).toEqual([expect.stringMatching(/provider name p is used with two different secrets/)]);
  });

  it('reports bad record-check variables from loadConfig too', () => {
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://u@localhost:5432/db', SIMULATED_PROVIDER_FORCE: '[1]' }),
    ).toThrow(/SIMULATED_PROVIDER_FORCE must be a JSON object/);
  });
});
