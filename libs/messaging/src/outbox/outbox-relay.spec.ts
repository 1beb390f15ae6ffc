import type { DataSource } from 'typeorm';
import type { EventTransport } from '../transport/transport';
import { OutboxRelay } from './outbox-relay';
import type { OutboxRow } from './unit-of-work';

const row = (n: number): OutboxRow => ({
  id: `row-${n}`,
  envelope: { id: `row-${n}`, type: 'balanse.case.opened.v1' },
});
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('OutboxRelay', () => {
  it('publishes at most maxInFlight rows at once and marks each once the transport has it', async () => {
    const outbox = [1, 2, 3, 4, 5].map(row);
    const marked: string[] = [];
    const dataSource = {
      query: async (sql: string, params: unknown[]) => {
        if (sql.startsWith('UPDATE')) marked.push(...(params[0] as string[]));
        if (sql.startsWith('SELECT')) return outbox.filter((r) => !marked.includes(r.id));
        return [];
      },
    } as unknown as DataSource;
    const accepting: Array<() => void> = [];
    let most = 0;
    const transport = {
      publish: () =>
        new Promise<void>((resolve) => {
          accepting.push(resolve);
          most = Math.max(most, accepting.length);
        }),
    } as unknown as EventTransport;
    const relay = new OutboxRelay(
      dataSource,
      transport,
      { pollMs: 60_000, markMs: 1, batchSize: 100, retentionMs: 1, maxInFlight: 2 },
      'test',
    );
    relay.start(); // its first pass finds the five rows
    await tick();
    expect(accepting).toHaveLength(2);
    while (marked.length < 5) {
      accepting.shift()?.();
      await tick();
    }
    expect(most).toBe(2);
    expect(marked).toEqual(outbox.map((r) => r.id));
    await relay.stop();
  });
});
