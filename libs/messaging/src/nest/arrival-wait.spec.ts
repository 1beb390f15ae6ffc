import { DomainError } from '@balanse/contracts';
import { ArrivalWait } from './arrival-wait';

const notArrived = DomainError.notArrived('assess').toBody();

describe('ArrivalWait', () => {
  it('runs the command again as soon as an event for its case is committed', async () => {
    const arrivals = new ArrivalWait();
    let arrived = false;
    let attempts = 0;
    const started = Date.now();
    const answer = arrivals.retry('t', 'case-1', async () => {
      attempts++;
      if (!arrived) throw notArrived;
      return 'done';
    });
    setTimeout(() => {
      arrived = true;
      arrivals.arrived('t', 'case-1');
    }, 50);
    await expect(answer).resolves.toBe('done');
    expect(Date.now() - started).toBeLessThan(200); // woken, not left to the 250 ms recheck
    expect(attempts).toBe(2);
  });

  it('ignores events of other cases and tenants, and gives up after the timeout', async () => {
    const arrivals = new ArrivalWait();
    const answer = arrivals.retry(
      't',
      'case-1',
      async () => {
        throw notArrived;
      },
      300,
    );
    arrivals.arrived('t', 'case-2');
    arrivals.arrived('other', 'case-1');
    await expect(answer).rejects.toBe(notArrived);
  });

  it('passes any other error on at once', async () => {
    const arrivals = new ArrivalWait();
    const error = { status: 422, code: 'JUDGEMENTS_MISSING', message: 'x' };
    let attempts = 0;
    await expect(
      arrivals.retry('t', 'c', async () => {
        attempts++;
        throw error;
      }),
    ).rejects.toBe(error);
    expect(attempts).toBe(1);
  });
});
