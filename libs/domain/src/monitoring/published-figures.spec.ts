import { publishedDifference, publishedRate, publishedSum } from './published-figures';
import type { CountCell } from './suppress-table';

const shown = (value: number): CountCell => ({ value });
const HIDDEN: CountCell = { suppressed: true };

describe('publishedSum', () => {
  it('adds published counts', () => {
    expect(publishedSum([shown(15), shown(10)])).toEqual({ value: 25 });
  });

  it('is withheld when any part is withheld, with no trace of the parts that were shown', () => {
    expect(publishedSum([shown(15), HIDDEN])).toEqual({ suppressed: true });
    expect(publishedSum([HIDDEN, shown(15)])).toEqual({ suppressed: true });
  });
});

describe('publishedDifference', () => {
  it('takes the published parts from the published whole', () => {
    expect(publishedDifference(shown(125), [shown(10), shown(10)], 10)).toEqual({ value: 105 });
  });

  it('is withheld with the whole or any part', () => {
    expect(publishedDifference(HIDDEN, [shown(10)], 10)).toEqual({ suppressed: true });
    expect(publishedDifference(shown(125), [shown(10), HIDDEN], 10)).toEqual({ suppressed: true });
  });

  it('is withheld under k, including the negative differences rounding can give', () => {
    expect(publishedDifference(shown(20), [shown(15)], 10)).toEqual({ suppressed: true });
    expect(publishedDifference(shown(20), [shown(10), shown(15)], 10)).toEqual({ suppressed: true });
    expect(publishedDifference(shown(25), [shown(15)], 10)).toEqual({ value: 10 });
  });
});

describe('publishedRate', () => {
  it('divides published counts, to two decimal places', () => {
    expect(publishedRate(shown(15), shown(25))).toBe(0.6);
    expect(publishedRate(shown(10), shown(30))).toBe(0.33);
  });

  it('is null when either count is withheld or the whole is nothing', () => {
    expect(publishedRate(HIDDEN, shown(25))).toBeNull();
    expect(publishedRate(shown(15), HIDDEN)).toBeNull();
    expect(publishedRate(shown(0), shown(0))).toBeNull();
  });

  it('depends on nothing but the published counts: the same cells always give the same rate', () => {
    // 25 granted of 50 and 26 of 51 publish the same rounded cells, so they must publish the same rate.
    expect(publishedRate(shown(25), publishedSum([shown(25), shown(25)]))).toBe(0.5);
  });
});
