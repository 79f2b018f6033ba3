/** How small-number suppression is applied to published aggregates. */
export interface SuppressionPolicy {
  /** k: a count below this is never shown, nor any count from which it could be derived. */
  readonly minimumCellCount: number;
  /** Every displayed count is rounded to the nearest multiple of this. */
  readonly roundingBase: number;
}

/** Below this k the published figures would identify people too easily; no policy may go lower. */
export const LOWEST_PERMITTED_CELL_COUNT = 5;

/** The published policy: hide counts under 10, round the rest to the nearest 5. */
export const DEFAULT_SUPPRESSION_POLICY: SuppressionPolicy = Object.freeze({
  minimumCellCount: 10,
  roundingBase: 5,
});

/** Problems that make a suppression policy unusable, in human-readable form; empty if it is sound. */
export function validateSuppressionPolicy(policy: SuppressionPolicy): string[] {
  const problems: string[] = [];
  const wholeNumber = (name: keyof SuppressionPolicy, min: number): boolean => {
    const value: unknown = policy[name];
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
      problems.push(`${name} must be a whole number, got ${shown}`);
      return false;
    }
    if (value < min) {
      problems.push(`${name} must be at least ${min}, got ${value}`);
      return false;
    }
    return true;
  };
  const k = wholeNumber('minimumCellCount', LOWEST_PERMITTED_CELL_COUNT);
  const base = wholeNumber('roundingBase', 1);
  // A base above k could round a displayed count down to zero, which would read as "nobody".
  if (k && base && policy.roundingBase > policy.minimumCellCount) {
    problems.push(
      `roundingBase (${policy.roundingBase}) must not exceed minimumCellCount (${policy.minimumCellCount})`,
    );
  }
  return problems;
}
