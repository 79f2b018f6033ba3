import { ConfigError, DEFAULT_STAGE_DURATIONS_MS, loadConfig, newCasePolicy } from './app-config';

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
    // BPSS as published: 3 years of employment, stays abroad of 6 months or more in the last 3 years.
    expect(config.dv.baseline).toEqual({
      historyYears: 3,
      maxUnexplainedGapDays: 28,
      abroadYears: 3,
      abroadMinimumMonths: 6,
    });
  });

  it('reads the baseline (BPSS) figures each new case is started with', () => {
    const config = loadConfig({
      ...base,
      BPSS_EMPLOYMENT_HISTORY_YEARS: '5',
      BPSS_MAX_UNEXPLAINED_GAP_DAYS: '14',
      BPSS_ABROAD_YEARS: '4',
      BPSS_ABROAD_MINIMUM_MONTHS: '3',
    });
    expect(config.dv.baseline).toEqual({
      historyYears: 5,
      maxUnexplainedGapDays: 14,
      abroadYears: 4,
      abroadMinimumMonths: 3,
    });
    expect(newCasePolicy(config).dv?.baseline).toEqual(config.dv.baseline);
  });

  it('refuses baseline figures that make no sense, naming the variable to change', () => {
    const problemsOf = (env: Record<string, string>): string => {
      try {
        loadConfig({ ...base, ...env });
      } catch (e) {
        return (e as ConfigError).message;
      }
      throw new Error('expected a ConfigError');
    };
    const message = problemsOf({
      BPSS_EMPLOYMENT_HISTORY_YEARS: 'three',
      BPSS_ABROAD_YEARS: '0',
      BPSS_MAX_UNEXPLAINED_GAP_DAYS: '1.5',
    });
    expect(message).toMatch(/BPSS_EMPLOYMENT_HISTORY_YEARS must be an integer number/);
    expect(message).toMatch(/BPSS_ABROAD_YEARS must not be less than 1/);
    expect(message).toMatch(/BPSS_MAX_UNEXPLAINED_GAP_DAYS must be an integer number/);
    expect(problemsOf({ BPSS_ABROAD_YEARS: '1', BPSS_ABROAD_MINIMUM_MONTHS: '18' })).toMatch(
      'BPSS_ABROAD_MINIMUM_MONTHS (18) must be no more than 12, the months in BPSS_ABROAD_YEARS (1)',
    );
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
