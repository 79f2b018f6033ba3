import { ConfigError, DEFAULT_STAGE_DURATIONS_MS, loadConfig } from './app-config';

const base = { DATABASE_URL: 'postgres://u@localhost:5432/db' };

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig(base);
    expect(config.temporal).toEqual({
      address: 'localhost:7233',
      namespace: 'default',
      taskQueue: 'vetting-cases',
    });
    expect(config.port).toBe(3000);
    expect(config.policy).toEqual({
      minimumAge: 18,
      underageApplicationWindowMonths: null,
      residenceRequiredYears: 9,
      residenceWindowYears: 10,
    });
    expect(config.stageDurationsMs).toEqual(DEFAULT_STAGE_DURATIONS_MS);
  });

  it('reads numbers and stage durations from strings', () => {
    const config = loadConfig({
      ...base,
      PORT: '8080',
      POLICY_RESIDENCE_REQUIRED_YEARS: '7',
      STAGE_DURATIONS: '{"QUESTIONNAIRE": 5000}',
    });
    expect(config.port).toBe(8080);
    expect(config.policy.residenceRequiredYears).toBe(7);
    expect(config.stageDurationsMs.QUESTIONNAIRE).toBe(5000);
    expect(config.stageDurationsMs.DECISION).toBe(DEFAULT_STAGE_DURATIONS_MS.DECISION);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', STAGE_DURATIONS: '{"NOPE": 1}' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/unknown stage NOPE/);
  });
});
