import { PUBLISHED_DV_RENEWAL_TARGET_SHARE, RENEWALS_DUE_WITHIN_DAYS, shareOf } from './aftercare-figures';

describe('aftercare figures', () => {
  it('share part over whole to three places, and none of nothing', () => {
    expect(shareOf(1, 7)).toBe(0.143);
    expect(shareOf(2, 2)).toBe(1);
    expect(shareOf(0, 3)).toBe(0);
    expect(shareOf(0, 0)).toBeNull();
  });

  it('hold the published renewal share (14%) and the 90-day window HR watches', () => {
    expect(PUBLISHED_DV_RENEWAL_TARGET_SHARE).toBe(0.14);
    expect(RENEWALS_DUE_WITHIN_DAYS).toBe(90);
  });
});
