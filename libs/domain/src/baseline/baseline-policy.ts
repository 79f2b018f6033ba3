import type { BaselinePolicy, BaselineState } from './baseline.types';
import { DEFAULT_BASELINE_POLICY } from './baseline.types';

/** The smallest sound value of each figure: a history of at least a year, a stay abroad of at least a month. */
const MINIMUMS: Record<keyof BaselinePolicy, number> = {
  historyYears: 1,
  maxUnexplainedGapDays: 0,
  abroadYears: 1,
  abroadMinimumMonths: 1,
};

/** Problems that make a baseline policy unusable, in human-readable form; empty if it is sound. */
export function validateBaselinePolicy(policy: BaselinePolicy): string[] {
  const problems = (Object.keys(MINIMUMS) as (keyof BaselinePolicy)[]).flatMap((name) => {
    const value: unknown = policy[name];
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
      return [`${name} must be a whole number, got ${shown}`];
    }
    return value < MINIMUMS[name] ? [`${name} must be at least ${MINIMUMS[name]}, got ${value}`] : [];
  });
  // A shortest stay longer than the window asked about could never be listed: the section would ask for nothing.
  if (problems.length === 0 && policy.abroadMinimumMonths > policy.abroadYears * 12) {
    problems.push(
      `abroadMinimumMonths (${policy.abroadMinimumMonths}) must be no more than ${policy.abroadYears * 12}, the months in abroadYears (${policy.abroadYears})`,
    );
  }
  return problems;
}

/**
 * The policy a case's declaration is judged by: the one recorded when the case started, or the published one
 * for cases started before the figures were configurable (they ran under it).
 */
export function baselinePolicyOf(baseline: Pick<BaselineState, 'policy'> | null | undefined): BaselinePolicy {
  return baseline?.policy ?? DEFAULT_BASELINE_POLICY;
}
