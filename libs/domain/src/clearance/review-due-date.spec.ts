import { reviewDueDateProblem } from './review-due-date';

describe('issue 9 item 7: reviewDueDate is bounded by policy (2199 was accepted)', () => {
  const today = '2026-11-30';

  it('refuses a review date beyond the DV renewal period', () => {
    expect(reviewDueDateProblem('2199-01-01', today, 7)).toBe(
      'reviewDueDate must be no later than 2033-11-30, the 7-year DV renewal period',
    );
    expect(reviewDueDateProblem('2033-12-01', today, 7)).not.toBeNull();
  });

  it('refuses a review date in the past', () => {
    expect(reviewDueDateProblem('2026-11-29', today, 7)).toBe(
      'reviewDueDate must not be in the past (today is 2026-11-30)',
    );
  });

  it('accepts today, the last day of the renewal period and anything between', () => {
    expect(reviewDueDateProblem(today, today, 7)).toBeNull();
    expect(reviewDueDateProblem('2030-01-31', today, 7)).toBeNull();
    expect(reviewDueDateProblem('2033-11-30', today, 7)).toBeNull();
  });

  it('counts the renewal period across 29 February', () => {
    expect(reviewDueDateProblem('2031-02-28', '2024-02-29', 7)).toBeNull();
    expect(reviewDueDateProblem('2031-03-01', '2024-02-29', 7)).not.toBeNull();
  });

  it('refuses an impossible date', () => {
    expect(reviewDueDateProblem('2027-02-29', today, 7)).toMatch(/real date/);
  });
});
