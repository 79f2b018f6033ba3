/** Renewals HR sees coming: live clearances whose renewal date falls within this many days (_policy_). */
export const RENEWALS_DUE_WITHIN_DAYS = 90;

/**
 * The published share of DV renewals that met their target: 14%. HR watches ours against it, so the dashboard
 * shows it beside our own figure (a published benchmark, not a target this service sets).
 */
export const PUBLISHED_DV_RENEWAL_TARGET_SHARE = 0.14;

/** part / whole to three decimal places, or null when there is no whole to share (nothing decided yet). */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
}
