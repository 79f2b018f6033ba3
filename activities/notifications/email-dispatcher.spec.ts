import { redactAddresses, retryDelayMs } from './email-dispatcher';

describe('retryDelayMs', () => {
  const dispatch = { retryInitialMs: 10_000, retryMaxMs: 120_000 };

  it('waits the initial delay after the first failed attempt and doubles it after each further one', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, dispatch))).toEqual([
      10_000, 20_000, 40_000, 80_000,
    ]);
  });

  it('never waits longer than the maximum, however many attempts failed', () => {
    expect(retryDelayMs(5, dispatch)).toBe(120_000);
    expect(retryDelayMs(10_000, dispatch)).toBe(120_000);
  });

  it('treats a zero attempt count as the first attempt', () => {
    expect(retryDelayMs(0, dispatch)).toBe(10_000);
  });
});

describe('redactAddresses', () => {
  it('replaces every email address in an SMTP reply', () => {
    expect(redactAddresses('550 5.1.1 <a.person@example.org>: unknown; also b@c.example')).toBe(
      '550 5.1.1 <<address>>: unknown; also <address>',
    );
  });

  it('leaves text without addresses alone', () => {
    expect(redactAddresses('connect ECONNREFUSED 127.0.0.1:25')).toBe('connect ECONNREFUSED 127.0.0.1:25');
  });
});
