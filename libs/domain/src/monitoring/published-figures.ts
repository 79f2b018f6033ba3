import type { CountCell } from './suppress-table';
import { isShown } from './suppress-table';

// Figures derived from published counts only. A figure computed from the real counts moves when one person's
// outcome changes even while every rounded count stays put, so two dashboards taken a decision apart would
// tell that person's group (a success rate going 0.50 → 0.51 with every cell unchanged). Built from the
// published cells, a derived figure can change only when a published count does, and says nothing they don't.

const WITHHELD: CountCell = Object.freeze({ suppressed: true });

/** The sum of published counts: shown when every part is shown, withheld with any of them. */
export function publishedSum(parts: readonly CountCell[]): CountCell {
  let total = 0;
  for (const part of parts) {
    if (!isShown(part)) return WITHHELD;
    total += part.value;
  }
  return { value: total };
}

/**
 * A published whole less published parts (how many declared: all cases less "prefer not to say" and
 * unanswered), withheld when any is withheld or when the difference is under `minimum` (k): rounding can make
 * it small or negative, and a small difference of rounded counts is no figure to publish.
 */
export function publishedDifference(
  whole: CountCell,
  parts: readonly CountCell[],
  minimum: number,
): CountCell {
  const taken = publishedSum(parts);
  if (!isShown(whole) || !isShown(taken)) return WITHHELD;
  const value = whole.value - taken.value;
  return value >= minimum ? { value } : WITHHELD;
}

/** Part over whole, to two decimal places, from published counts; null when either is withheld or whole is 0. */
export function publishedRate(part: CountCell, whole: CountCell): number | null {
  if (!isShown(part) || !isShown(whole) || whole.value <= 0) return null;
  return Math.round((part.value / whole.value) * 100) / 100;
}
