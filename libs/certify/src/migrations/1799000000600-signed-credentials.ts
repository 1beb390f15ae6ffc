import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed credentials: what certify learns from identify to write them (the content of the
 * standard versions a tenant's cases pin, each case's hashed recipient and evidence references),
 * the status lists
 * (one slot per credential, at a random index) and each credential's revocation and suspension.
 */
export class SignedCredentials1799000000600 implements MigrationInterface {
  name = 'SignedCredentials1799000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE standard_part (
        tenant_id text NOT NULL,
        standard_id uuid NOT NULL,
        version text NOT NULL,
        part int NOT NULL,
        parts int NOT NULL,
        content jsonb NOT NULL,
        PRIMARY KEY (tenant_id, standard_id, version, part)
      );
      CREATE TABLE case_recipient (
        tenant_id text NOT NULL,
        case_id uuid NOT NULL,
        identity_hash text NOT NULL,
        salt text NOT NULL,
        identity_type text NOT NULL,
        PRIMARY KEY (tenant_id, case_id)
      );
      CREATE TABLE case_evidence (
        tenant_id text NOT NULL,
        case_id uuid NOT NULL,
        evidence jsonb NOT NULL,
        PRIMARY KEY (tenant_id, case_id)
      );
      CREATE TABLE status_list (
        list int PRIMARY KEY,
        length int NOT NULL,
        allocated int NOT NULL DEFAULT 0
      );
      ALTER TABLE credential
        ADD COLUMN status_list int,
        ADD COLUMN status_index int,
        ADD COLUMN recipient_hash text,
        ADD COLUMN revoked_at timestamptz,
        ADD COLUMN revocation_reason text,
        ADD COLUMN suspended_at timestamptz,
        ADD COLUMN suspension_reason text;
      CREATE UNIQUE INDEX credential_status_slot ON credential (status_list, status_index)
        WHERE status_list IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX credential_status_slot;
      ALTER TABLE credential
        DROP COLUMN status_list, DROP COLUMN status_index, DROP COLUMN recipient_hash,
        DROP COLUMN revoked_at, DROP COLUMN revocation_reason,
        DROP COLUMN suspended_at, DROP COLUMN suspension_reason;
      DROP TABLE status_list;
      DROP TABLE case_evidence;
      DROP TABLE case_recipient;
      DROP TABLE standard_part;
    `);
  }
}
