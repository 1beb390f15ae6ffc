import { isDatabaseUnavailable } from '../failures';
import { DEAD_LETTER_MARGIN, maxDeliveries, retryPolicy } from './retry-policy';

describe('retryPolicy', () => {
  it('waits out an unreachable database for about 15 minutes, at most a minute apart', () => {
    const p = retryPolicy(5);
    const delays = Array.from({ length: p.transientAttempts - 1 }, (_, i) =>
      p.transientBackoffMs(i + 1),
    );
    const total = delays.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(15 * 60_000);
    expect(total).toBeLessThan(16 * 60_000);
    expect(Math.max(...delays)).toBe(60_000);
    expect(maxDeliveries(p)).toBe(p.transientAttempts + DEAD_LETTER_MARGIN);
  });

  it('backs off handler failures from 250 ms, doubling, capped at 30 s', () => {
    const p = retryPolicy(20);
    expect([1, 2, 3, 10].map((n) => p.backoffMs(n))).toEqual([250, 500, 1000, 30_000]);
    expect(maxDeliveries(p)).toBeGreaterThan(20);
  });
});

describe('isDatabaseUnavailable', () => {
  it.each([
    [{ code: '57P01' }, true],
    [{ code: '08006' }, true],
    [{ code: '53300' }, true],
    [{ driverError: { code: 'ECONNREFUSED' } }, true],
    [{ name: 'QueryRunnerAlreadyReleasedError' }, true],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('the database system is shutting down'), true],
    [{ code: '23505' }, false],
    [{ code: '22P02' }, false],
    [new Error('cannot handle it'), false],
  ])('%j → %s', (err, expected) => {
    expect(isDatabaseUnavailable(err)).toBe(expected);
  });
});
