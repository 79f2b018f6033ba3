import type { SimulatedProviderConfig } from '../../libs/config/src/app-config';
import type { CheckOutcome } from '../../libs/domain/src/record-checks';
import { CHECK_TYPES } from '../../libs/domain/src/record-checks';
import { ProviderRejectedError, ProviderUnavailableError } from './provider-adapter';
import { createSimulatedProvider, pickOutcome, seededUnit } from './simulated-provider';

const CASE_ID = '0b6f4a8e-3c2d-4e5f-8a9b-1c2d3e4f5a6b';

function config(overrides: Partial<SimulatedProviderConfig> = {}): SimulatedProviderConfig {
  return {
    latencyMs: 1000,
    failureRate: 0,
    outcomes: { CLEAR: 0.9, TRACE: 0.05, NEEDS_REVIEW: 0.05 },
    seed: 7,
    force: {},
    outages: {},
    ...overrides,
  };
}

function request(checkType: (typeof CHECK_TYPES)[number], attempt = 1, caseId = CASE_ID) {
  return { caseId, checkType, checkId: `${caseId}:${checkType}`, subject: { reference: caseId }, attempt };
}

describe('seeded draws', () => {
  it('are fixed by their inputs and spread over [0, 1)', () => {
    expect(seededUnit(1, 'a', 'b', 2)).toBe(seededUnit(1, 'a', 'b', 2));
    expect(seededUnit(1, 'a', 'b', 2)).not.toBe(seededUnit(2, 'a', 'b', 2));
    const draws = Array.from({ length: 10_000 }, (_, i) => seededUnit(3, 'case', i));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('land on outcomes in proportion to their weights', () => {
    const weights = { CLEAR: 0.9, TRACE: 0.05, NEEDS_REVIEW: 0.05 };
    expect(pickOutcome(weights, 0)).toBe('CLEAR');
    expect(pickOutcome(weights, 0.899)).toBe('CLEAR');
    expect(pickOutcome(weights, 0.9)).toBe('TRACE');
    expect(pickOutcome(weights, 0.999)).toBe('NEEDS_REVIEW');
    expect(pickOutcome({ CLEAR: 0, TRACE: 2, NEEDS_REVIEW: 0 }, 0.5)).toBe('TRACE');
  });
});

describe('simulated provider', () => {
  it('answers PENDING until its latency has passed since the request, then DONE', async () => {
    let clock = 1_000_000;
    const provider = createSimulatedProvider(
      config({ outcomes: { CLEAR: 1, TRACE: 0, NEEDS_REVIEW: 0 } }),
      () => clock,
    );
    const { providerRef, mode } = await provider.requestCheck(request('CREDIT_REFERENCE'));
    expect(mode).toBe('poll');
    clock += 999;
    await expect(provider.pollCheck(providerRef)).resolves.toEqual({ status: 'PENDING' });
    clock += 1;
    await expect(provider.pollCheck(providerRef)).resolves.toEqual({ status: 'DONE', outcome: 'CLEAR' });
  });

  it('gives the same outcomes for the same seed, case and check, whenever it is asked', async () => {
    const outcomes = async (seed: number, at: number): Promise<CheckOutcome[]> => {
      const provider = createSimulatedProvider(config({ seed, latencyMs: 0 }), () => at);
      const results: CheckOutcome[] = [];
      for (let i = 0; i < 40; i += 1) {
        for (const checkType of CHECK_TYPES) {
          const { providerRef } = await provider.requestCheck(request(checkType, 1, `case-${i}`));
          const polled = await provider.pollCheck(providerRef);
          if (polled.status === 'DONE') results.push(polled.outcome);
        }
      }
      return results;
    };
    const first = await outcomes(11, 5);
    expect(await outcomes(11, 99_999)).toEqual(first);
    expect(await outcomes(12, 5)).not.toEqual(first);
    expect(first.filter((o) => o === 'CLEAR').length).toBeGreaterThan(first.length * 0.8);
    expect(new Set(first).size).toBeGreaterThan(1);
  });

  it('honours a forced outcome for one check type only', async () => {
    const provider = createSimulatedProvider(
      config({
        latencyMs: 0,
        outcomes: { CLEAR: 1, TRACE: 0, NEEDS_REVIEW: 0 },
        force: { CRIMINAL_RECORDS: 'TRACE' },
      }),
    );
    const criminal = await provider.requestCheck(request('CRIMINAL_RECORDS'));
    const credit = await provider.requestCheck(request('CREDIT_REFERENCE'));
    await expect(provider.pollCheck(criminal.providerRef)).resolves.toMatchObject({
      status: 'DONE',
      outcome: 'TRACE',
    });
    await expect(provider.pollCheck(credit.providerRef)).resolves.toMatchObject({
      status: 'DONE',
      outcome: 'CLEAR',
    });
  });

  it('fails the first N attempts of a check type during an outage, then recovers', async () => {
    const provider = createSimulatedProvider(config({ outages: { SECURITY_SERVICE: 2 } }));
    await expect(provider.requestCheck(request('SECURITY_SERVICE', 1))).rejects.toBeInstanceOf(
      ProviderUnavailableError,
    );
    await expect(provider.requestCheck(request('SECURITY_SERVICE', 2))).rejects.toBeInstanceOf(
      ProviderUnavailableError,
    );
    await expect(provider.requestCheck(request('SECURITY_SERVICE', 3))).resolves.toMatchObject({
      mode: 'poll',
    });
    await expect(provider.requestCheck(request('THIRD_PARTY', 1))).resolves.toMatchObject({ mode: 'poll' });
  });

  it('fails about failureRate of attempts, the same ones every time', async () => {
    const provider = createSimulatedProvider(config({ failureRate: 0.3 }));
    const failures = async (): Promise<number[]> => {
      const failed: number[] = [];
      for (let attempt = 1; attempt <= 1000; attempt += 1) {
        await provider.requestCheck(request('THIRD_PARTY', attempt)).catch(() => failed.push(attempt));
      }
      return failed;
    };
    const first = await failures();
    expect(first.length).toBeGreaterThan(240);
    expect(first.length).toBeLessThan(360);
    expect(await failures()).toEqual(first);
  });

  it('refuses a reference it did not issue', async () => {
    const provider = createSimulatedProvider(config());
    await expect(provider.pollCheck('P-123')).rejects.toBeInstanceOf(ProviderRejectedError);
    await expect(provider.pollCheck('sim.x.CRIMINAL_RECORDS.c')).rejects.toBeInstanceOf(
      ProviderRejectedError,
    );
  });
});
