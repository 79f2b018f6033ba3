import type { SuppressionPolicy } from './suppression-policy';
import {
  DEFAULT_SUPPRESSION_POLICY,
  LOWEST_PERMITTED_CELL_COUNT,
  validateSuppressionPolicy,
} from './suppression-policy';

const policy = (over: Partial<SuppressionPolicy>): SuppressionPolicy => ({
  ...DEFAULT_SUPPRESSION_POLICY,
  ...over,
});

describe('DEFAULT_SUPPRESSION_POLICY', () => {
  it('hides counts under 10 and rounds to the nearest 5', () => {
    expect(DEFAULT_SUPPRESSION_POLICY).toEqual({ minimumCellCount: 10, roundingBase: 5 });
  });

  it('is valid and cannot be modified by accident', () => {
    expect(validateSuppressionPolicy(DEFAULT_SUPPRESSION_POLICY)).toEqual([]);
    expect(Object.isFrozen(DEFAULT_SUPPRESSION_POLICY)).toBe(true);
  });
});

describe('validateSuppressionPolicy', () => {
  it('never lets k go below 5', () => {
    expect(LOWEST_PERMITTED_CELL_COUNT).toBe(5);
  });

  it('refuses k = 4 and accepts k = 5', () => {
    expect(validateSuppressionPolicy(policy({ minimumCellCount: 4 }))).toEqual([
      'minimumCellCount must be at least 5, got 4',
    ]);
    expect(validateSuppressionPolicy(policy({ minimumCellCount: 5 }))).toEqual([]);
  });

  it('refuses k = 0 and negative k', () => {
    expect(validateSuppressionPolicy(policy({ minimumCellCount: 0 }))).toHaveLength(1);
    expect(validateSuppressionPolicy(policy({ minimumCellCount: -10 }))).toHaveLength(1);
  });

  it('refuses fractions and non-numbers', () => {
    expect(validateSuppressionPolicy(policy({ minimumCellCount: 9.5 }))).toEqual([
      'minimumCellCount must be a whole number, got 9.5',
    ]);
    expect(validateSuppressionPolicy(policy({ roundingBase: Number.NaN }))).toEqual([
      'roundingBase must be a whole number, got NaN',
    ]);
    const text = { minimumCellCount: '10', roundingBase: 5 } as unknown as SuppressionPolicy;
    expect(validateSuppressionPolicy(text)).toEqual(['minimumCellCount must be a whole number, got "10"']);
  });

  it('refuses a rounding base of 0 and accepts 1 (no rounding)', () => {
    expect(validateSuppressionPolicy(policy({ roundingBase: 0 }))).toEqual([
      'roundingBase must be at least 1, got 0',
    ]);
    expect(validateSuppressionPolicy(policy({ roundingBase: 1 }))).toEqual([]);
  });

  it('refuses a rounding base above k, which could round a shown count to 0, and accepts one equal to k', () => {
    expect(validateSuppressionPolicy({ minimumCellCount: 10, roundingBase: 11 })).toEqual([
      'roundingBase (11) must not exceed minimumCellCount (10)',
    ]);
    expect(validateSuppressionPolicy({ minimumCellCount: 10, roundingBase: 10 })).toEqual([]);
  });

  it('reports every problem at once', () => {
    expect(validateSuppressionPolicy({ minimumCellCount: 3, roundingBase: 0 })).toHaveLength(2);
  });
});
