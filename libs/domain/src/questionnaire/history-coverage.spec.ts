import { uncoveredRuns } from './history-coverage';

describe('uncoveredRuns', () => {
  it('reports the whole window when nothing covers it', () => {
    expect(uncoveredRuns([], '2024-01-01', '2024-01-31')).toEqual([
      { from: '2024-01-01', to: '2024-01-31', days: 31 },
    ]);
  });

  it('finds no gap between a period ending one day and the next starting the day after', () => {
    const spans = [
      { from: '2020-01-01', to: '2024-01-31' },
      { from: '2024-02-01', to: null },
    ];
    expect(uncoveredRuns(spans, '2023-01-01', '2024-06-15')).toEqual([]);
  });

  it('counts both ends of a gap, across a leap day', () => {
    const spans = [
      { from: '2020-01-01', to: '2024-01-31' },
      { from: '2024-03-01', to: null },
    ];
    expect(uncoveredRuns(spans, '2023-01-01', '2024-06-15')).toEqual([
      { from: '2024-02-01', to: '2024-02-29', days: 29 },
    ]);
  });

  it('lets overlapping and nested periods cover each other, in any order', () => {
    const spans = [
      { from: '2022-06-01', to: '2022-07-01' },
      { from: '2021-01-01', to: '2023-01-01' },
      { from: '2022-12-01', to: null },
    ];
    expect(uncoveredRuns(spans, '2021-01-01', '2024-06-15')).toEqual([]);
  });

  it('reports uncovered days at the start and the end of the window', () => {
    expect(uncoveredRuns([{ from: '2024-01-10', to: '2024-01-20' }], '2024-01-01', '2024-01-31')).toEqual([
      { from: '2024-01-01', to: '2024-01-09', days: 9 },
      { from: '2024-01-21', to: '2024-01-31', days: 11 },
    ]);
  });

  it('ignores the parts of periods outside the window', () => {
    const spans = [
      { from: '2000-01-01', to: '2010-01-01' },
      { from: '2030-01-01', to: null },
      { from: '2023-12-01', to: '2024-02-10' },
    ];
    expect(uncoveredRuns(spans, '2024-01-01', '2024-02-29')).toEqual([
      { from: '2024-02-11', to: '2024-02-29', days: 19 },
    ]);
  });

  it('counts a one-day period as covering its day', () => {
    expect(uncoveredRuns([{ from: '2024-01-02', to: '2024-01-02' }], '2024-01-01', '2024-01-03')).toEqual([
      { from: '2024-01-01', to: '2024-01-01', days: 1 },
      { from: '2024-01-03', to: '2024-01-03', days: 1 },
    ]);
  });

  it('throws RangeError on a date that is not real', () => {
    expect(() => uncoveredRuns([{ from: '2023-02-29', to: null }], '2023-01-01', '2023-12-31')).toThrow(
      RangeError,
    );
  });
});
