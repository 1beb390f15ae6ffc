import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Slots taken from each status list before the next one starts (status-slots.ts). */
const SLOTS_PER_LIST = 65_536; // fixed here: a migration does not follow later code

/**
 * Status slots are numbered by a sequence instead of a counter on the list's row, which every
 * issuing transaction held locked until it committed (status-slots.ts). The sequence goes on
 * where the counter of the newest list stopped.
 */
export class StatusSlotSequence1799000000950 implements MigrationInterface {
  name = 'StatusSlotSequence1799000000950';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE status_slot MINVALUE 0 START 0`);
    await q.query(
      `SELECT setval('status_slot', COALESCE(
         (SELECT (list - 1) * ${SLOTS_PER_LIST} + allocated FROM status_list ORDER BY list DESC LIMIT 1), 0), false)`,
    );
    await q.query(`ALTER TABLE status_list DROP COLUMN allocated`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE status_list ADD COLUMN allocated int NOT NULL DEFAULT 0`);
    await q.query(
      `UPDATE status_list l SET allocated =
         (SELECT count(*) FROM credential c WHERE c.status_list = l.list)`,
    );
    await q.query(`DROP SEQUENCE status_slot`);
  }
}
