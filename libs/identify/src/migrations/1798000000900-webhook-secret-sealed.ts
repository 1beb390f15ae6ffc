import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook signing secrets encrypted at rest: `secret_sealed` holds `v1.<key id>.<iv>.<ciphertext>`
 * (AES-256-GCM, libs/runtime secret-keys.ts). `secret` keeps a plaintext secret of a row written
 * before this change until identify's start-up seals it and clears it (webhook-secrets.ts): the
 * key is configuration (BALANSE_SECRETS_KEY), which a migration does not read.
 */
export class WebhookSecretSealed1798000000900 implements MigrationInterface {
  name = 'WebhookSecretSealed1798000000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE webhook ADD COLUMN secret_sealed text;
      ALTER TABLE webhook ALTER COLUMN secret DROP NOT NULL;
      ALTER TABLE webhook ADD CONSTRAINT webhook_secret_kept
        CHECK (secret IS NOT NULL OR secret_sealed IS NOT NULL);
    `);
  }

  /** Fails while a row holds only a sealed secret: SQL cannot decrypt it back. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE webhook DROP CONSTRAINT webhook_secret_kept;
      ALTER TABLE webhook ALTER COLUMN secret SET NOT NULL;
      ALTER TABLE webhook DROP COLUMN secret_sealed;
    `);
  }
}
