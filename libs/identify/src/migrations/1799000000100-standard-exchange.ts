import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Standards keep what an exchange format says that the model has no field for (`extensions`),
 * and areas may nest, so the outcome count that lists show is stored at write time instead of
 * being counted over three fixed levels of JSON.
 */
export class StandardExchange1799000000100 implements MigrationInterface {
  name = 'StandardExchange1799000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE standard_version
        ADD COLUMN extensions jsonb,
        ADD COLUMN outcome_count int NOT NULL DEFAULT 0;
      UPDATE standard_version v SET outcome_count =
        (SELECT count(*)::int FROM jsonb_array_elements(v.clusters) c,
           jsonb_array_elements(c->'areas') a, jsonb_array_elements(a->'outcomes') o);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE standard_version DROP COLUMN extensions, DROP COLUMN outcome_count`);
  }
}
