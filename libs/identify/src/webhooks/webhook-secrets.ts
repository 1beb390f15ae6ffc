import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SecretKeys, SecretUnreadable } from '@balanse/runtime';
import { WebhookRepository, type StoredSecret } from './webhook.repository';

/** The stable start of a delivery's `lastError` when its webhook's secret cannot be decrypted. */
export const SECRET_UNREADABLE = 'WEBHOOK_SECRET_UNREADABLE';

/**
 * Signing secrets encrypted at rest. HMAC needs the secret itself, so it is sealed (AES-256-GCM,
 * the webhook's id bound in) rather than hashed. At start-up, rows from before (plaintext) and
 * rows sealed under a previous key are sealed under the current one: a start-up step and not a
 * migration, because the key is configuration, which migrations do not read.
 */
@Injectable()
export class WebhookSecrets implements OnApplicationBootstrap {
  private readonly log = new Logger('identify:webhooks');

  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly keys: SecretKeys,
  ) {}

  seal(webhookId: string, secret: string): string {
    return this.keys.seal(secret, webhookId);
  }

  /** The secret to sign with; a SecretUnreadable if no configured key opens it. */
  open(stored: StoredSecret): string {
    if (stored.secret_sealed !== null)
      return this.keys.open(stored.secret_sealed, stored.webhook_id);
    // Written before sealing and not sealed yet (the start-up step runs beside the worker).
    if (stored.secret !== null) return stored.secret;
    throw new SecretUnreadable('MALFORMED', 'no secret stored');
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.sealStored();
    } catch (err) {
      // Not fatal: deliveries still sign (open() reads both forms); the next start tries again.
      this.log.warn(`sealing stored webhook secrets failed: ${(err as Error).message}`);
    }
  }

  /** Seals plaintext rows and re-seals rows under a previous key; an unreadable row is logged by id. */
  async sealStored(): Promise<{ sealed: number; resealed: number; unreadable: string[] }> {
    const result = { sealed: 0, resealed: 0, unreadable: [] as string[] };
    for (const row of await this.webhooks.secretsToSeal(this.keys.currentId)) {
      let secret: string;
      try {
        secret = this.open(row);
      } catch (err) {
        if (!(err instanceof SecretUnreadable)) throw err;
        result.unreadable.push(row.webhook_id);
        this.log.error(
          `webhook ${row.webhook_id}: signing secret cannot be decrypted (${err.code}: ${err.message}); its deliveries fail until the key that sealed it is configured (BALANSE_SECRETS_KEY_PREVIOUS)`,
        );
        continue;
      }
      if (await this.webhooks.replaceSecret(row, this.seal(row.webhook_id, secret))) {
        if (row.secret_sealed === null) result.sealed++;
        else result.resealed++;
      }
    }
    if (result.sealed > 0)
      this.log.log(`encrypted ${result.sealed} webhook secret(s) stored in plaintext`);
    if (result.resealed > 0)
      this.log.log(
        `re-encrypted ${result.resealed} webhook secret(s) under the current key ${this.keys.currentId}`,
      );
    return result;
  }
}
