import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SecretUnreadable } from '@balanse/runtime';
import { send, type AttemptResult } from './webhook-sender';
import { SECRET_UNREADABLE, WebhookSecrets } from './webhook-secrets';
import { WebhookSettings } from './webhook-settings';
import { WebhookRepository, type ClaimedDelivery } from './webhook.repository';

/** The longest wait between two attempts. */
const MAX_BACKOFF_MS = 6 * 3600_000;
/** Settled deliveries are kept this long in the log. */
const LOG_RETENTION_DAYS = 30;
const PRUNE_EVERY_MS = 3600_000;

/**
 * Sends queued deliveries: at most `BALANSE_WEBHOOKS_CONCURRENCY` at once, each leased in the
 * table while it is sent. A delivery is marked delivered after a 2xx, so on success it is sent
 * once; a crash between the answer and the mark sends it again once the lease runs out
 * (at-least-once: receivers drop repeats by `Balanse-Event-Id`). A failure is retried with
 * exponential backoff up to `BALANSE_WEBHOOKS_MAX_ATTEMPTS`, then the delivery is `failed`.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('identify:webhooks');
  private inFlight = 0;
  private readonly sending = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private polling = false;
  private lastPrune = 0;

  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly secrets: WebhookSecrets,
    @Inject(WebhookSettings) private readonly settings: WebhookSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.sending]);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), this.settings.BALANSE_WEBHOOKS_POLL_MS);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    try {
      const room = this.settings.BALANSE_WEBHOOKS_CONCURRENCY - this.inFlight;
      if (room > 0) {
        const lease = this.settings.BALANSE_WEBHOOKS_TIMEOUT_MS + 30_000;
        for (const delivery of await this.webhooks.claim(room, lease)) this.start(delivery);
      }
      if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        await this.webhooks.prune(LOG_RETENTION_DAYS);
      }
    } catch (err) {
      this.log.warn(`looking for due deliveries failed: ${(err as Error).message}`);
    } finally {
      this.polling = false;
      this.schedule();
    }
  }

  private start(delivery: ClaimedDelivery): void {
    this.inFlight++;
    const task = this.attempt(delivery)
      .catch((err: Error) =>
        // The lease runs out and the delivery is tried again.
        this.log.warn(`delivery ${delivery.id} not recorded: ${err.message}`),
      )
      .finally(() => {
        this.inFlight--;
        this.sending.delete(task);
      });
    this.sending.add(task);
  }

  private async attempt(d: ClaimedDelivery): Promise<void> {
    const s = this.settings;
    const secret = this.secretOf(d);
    const result: AttemptResult =
      typeof secret === 'string'
        ? await send(
            {
              deliveryId: d.id,
              eventId: d.event_id,
              eventType: d.event_type,
              url: d.url,
              secret,
              body: d.body,
            },
            {
              allowPrivate: s.BALANSE_WEBHOOKS_ALLOW_PRIVATE,
              allowHttp: s.BALANSE_WEBHOOKS_ALLOW_HTTP,
            },
            s.BALANSE_WEBHOOKS_TIMEOUT_MS,
          )
        : secret;
    if (result.ok) return this.webhooks.delivered(d.id, result.statusCode!, result.excerpt);
    const attempts = d.attempts + 1;
    const retryIn =
      attempts >= s.BALANSE_WEBHOOKS_MAX_ATTEMPTS
        ? null
        : Math.min(s.BALANSE_WEBHOOKS_RETRY_BASE_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS);
    // The webhook id and the reason only: the URL may carry the receiver's own token.
    this.log.debug(
      `webhook ${d.webhook_id} delivery ${d.id} attempt ${attempts} failed: ${result.error}`,
    );
    await this.webhooks.attemptFailed(
      d.id,
      { statusCode: result.statusCode, error: result.error!, excerpt: result.excerpt },
      retryIn,
    );
  }

  /**
   * The secret, or a failed attempt if no configured key opens it (a key rotated away without
   * BALANSE_SECRETS_KEY_PREVIOUS, an altered row). Nothing is sent unsigned; the attempt counts
   * like any other, so a key restored by a restart lets the retries through.
   */
  private secretOf(d: ClaimedDelivery): string | AttemptResult {
    try {
      return this.secrets.open(d);
    } catch (err) {
      if (!(err instanceof SecretUnreadable)) throw err;
      this.log.error(
        `webhook ${d.webhook_id}: signing secret cannot be decrypted (${err.code}: ${err.message}); delivery ${d.id} not sent`,
      );
      return {
        ok: false,
        statusCode: null,
        error: `${SECRET_UNREADABLE}: the signing secret cannot be decrypted with the configured keys (${err.code})`,
        excerpt: null,
      };
    }
  }
}
