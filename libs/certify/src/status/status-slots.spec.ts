import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openServiceDataSource } from '@balanse/persistence';
import { certifyService } from '../index';
import { StatusSlotSequence1799000000950 } from '../migrations/1799000000950-status-slot-sequence';
import { STATUS_LIST_MIN_LENGTH } from './status-list';
import { SLOTS_PER_LIST, StatusSlots } from './status-slots';

const before = certifyService.migrations!.filter(
  (m) => m !== StatusSlotSequence1799000000950,
) as Array<new () => unknown>;

/** A credential row holding `list`/`index`, as issuing leaves one. */
async function hold(db: DataSource, list: number, index: number): Promise<void> {
  await db.query(
    `INSERT INTO credential (id, tenant_id, case_id, standard_id, kind, outcome_ids,
                             standard_outcome_ids, issued_at, document, status_list, status_index)
     VALUES ($1, 't1', $2, $3, 'full', '[]', '[]', now(), '{}', $4, $5)`,
    [randomUUID(), randomUUID(), randomUUID(), list, index],
  );
}

async function migrate(db: DataSource, direction: 'up' | 'down'): Promise<void> {
  const runner = db.createQueryRunner();
  await runner.startTransaction();
  await new StatusSlotSequence1799000000950()[direction](runner);
  await runner.commitTransaction();
  await runner.release();
}

describe('status slots (PGlite)', () => {
  let db: DataSource;
  const slots = new StatusSlots();

  beforeAll(async () => {
    // Two lists from before the sequence: the first full, the second with three slots taken.
    db = await openServiceDataSource({
      storage: { kind: 'pglite', dir: 'memory://' },
      entities: [],
      migrations: before,
    });
    await db.query(
      `INSERT INTO status_list (list, length, allocated) VALUES (1, $1, $2), (2, $1, 3)`,
      [STATUS_LIST_MIN_LENGTH, SLOTS_PER_LIST],
    );
    for (const index of [5, 6, 7]) await hold(db, 2, index);
    await migrate(db, 'up');
  });
  afterAll(() => db?.destroy());

  it('goes on in the list the counter was filling, at indexes no credential holds', async () => {
    const taken = new Set([5, 6, 7]);
    for (let i = 0; i < 200; i++) {
      const slot = await slots.allocate(db.manager);
      expect(slot.list).toBe(2);
      expect(slot.index).toBeGreaterThanOrEqual(0);
      expect(slot.index).toBeLessThan(STATUS_LIST_MIN_LENGTH);
      expect(taken.has(slot.index)).toBe(false);
      taken.add(slot.index);
      await hold(db, slot.list, slot.index);
    }
  });

  it('starts the next list, created at the minimum length, when one has its share', async () => {
    await db.query(`SELECT setval('status_slot', $1, false)`, [2 * SLOTS_PER_LIST - 1]);
    expect((await slots.allocate(db.manager)).list).toBe(2);
    const next = await slots.allocate(db.manager);
    expect(next.list).toBe(3);
    const [row] = await db.query(`SELECT length FROM status_list WHERE list = 3`);
    expect(row.length).toBe(STATUS_LIST_MIN_LENGTH);
  });

  it('is undone to counters of the slots credentials hold', async () => {
    await migrate(db, 'down');
    const rows = await db.query(`SELECT list, allocated FROM status_list ORDER BY list`);
    expect(rows).toEqual([
      { list: 1, allocated: 0 },
      { list: 2, allocated: 203 },
      { list: 3, allocated: 0 },
    ]);
    await migrate(db, 'up');
  });
});
