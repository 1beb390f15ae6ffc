import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  budgetedPage,
  DomainError,
  ErrorCode,
  keysetAfter,
  pageLimit,
  type CommandContext,
  type CreateWebhookDto,
  type Page,
  type PageQueryDto,
} from '@balanse/contracts';
import { commandMeta, UnitOfWork, type Tx } from '@balanse/messaging';
import { urlProblem } from './url-guard';
import { newSecret } from './signature';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookSettings } from './webhook-settings';
import { WebhookRepository, type DeliveryRow, type WebhookRow } from './webhook.repository';

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  createdAt: string;
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  responseExcerpt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const WEBHOOK_LIST = 'webhooks';
const DELIVERY_LIST = 'webhook-deliveries';

/** `balanse.case.identified.v1` → `case.identified`, the name a subscription uses. */
const webhookType = (eventType: string) =>
  eventType.replace(/^balanse\./, '').replace(/\.v\d+$/, '');

/** Webhook subscriptions per tenant, and the delivery rows that the events they want become. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly uow: UnitOfWork,
    private readonly secrets: WebhookSecrets,
    @Inject(WebhookSettings) private readonly settings: WebhookSettings,
  ) {}

  /** The answer carries the secret: the only time it is shown. */
  async create(
    ctx: CommandContext,
    dto: CreateWebhookDto,
  ): Promise<WebhookView & { secret: string }> {
    const problem = await urlProblem(dto.url, {
      allowPrivate: this.settings.BALANSE_WEBHOOKS_ALLOW_PRIVATE,
      allowHttp: this.settings.BALANSE_WEBHOOKS_ALLOW_HTTP,
    });
    if (problem)
      throw new DomainError(400, ErrorCode.VALIDATION_FAILED, 'invalid fields: url', undefined, [
        { field: 'url', message: problem },
      ]);
    const secret = dto.secret ?? newSecret();
    const id = randomUUID();
    // Stored sealed (encrypted under the current key); answered in plaintext this once.
    const secretSealed = this.secrets.seal(id, secret);
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const row = await this.webhooks.insert(tx.manager, {
        id,
        tenantId: ctx.tenantId,
        url: dto.url,
        events: dto.events,
        secretSealed,
        description: dto.description ?? null,
      });
      return { ...webhookView(row), secret };
    });
  }

  async list(tenantId: string, query?: PageQueryDto): Promise<Page<WebhookView>> {
    const after = keysetAfter(WEBHOOK_LIST, query, ['micros', 'uuid']);
    const limit = pageLimit(query);
    const rows = await this.webhooks.page(tenantId, after, limit + 1);
    return budgetedPage(WEBHOOK_LIST, rows, limit, (r) => [r.key_at, r.id], webhookView);
  }

  /** Deletes the subscription and its delivery log; deliveries not yet sent are dropped. */
  async delete(ctx: CommandContext, id: string): Promise<{ id: string }> {
    const deleted = await this.uow.run(commandMeta(ctx), (tx) =>
      this.webhooks.delete(tx.manager, ctx.tenantId, id),
    );
    if (!deleted) throw DomainError.notFound(ErrorCode.WEBHOOK_NOT_FOUND, 'webhook', id);
    return { id };
  }

  async deliveries(
    tenantId: string,
    id: string,
    query?: PageQueryDto,
  ): Promise<Page<DeliveryView>> {
    const after = keysetAfter(DELIVERY_LIST, query, ['micros', 'uuid']);
    const limit = pageLimit(query);
    if (!(await this.webhooks.exists(tenantId, id)))
      throw DomainError.notFound(ErrorCode.WEBHOOK_NOT_FOUND, 'webhook', id);
    const rows = await this.webhooks.pageDeliveries(tenantId, id, after, limit + 1);
    return budgetedPage(DELIVERY_LIST, rows, limit, (r) => [r.key_at, r.id], deliveryView);
  }

  /**
   * Queues the event for every subscription of its tenant that wants it, in the transaction
   * that wrote (or handled) the event: a delivery exists exactly when the event took effect.
   */
  enqueue(tx: Tx, event: WebhookEvent) {
    return this.enqueueMany(tx, [event]);
  }

  /** Events of one type (a bulk chunk's `case.opened`): one statement. */
  enqueueMany(tx: Tx, events: readonly WebhookEvent[]) {
    if (events.length === 0) return Promise.resolve();
    return this.webhooks.enqueue(
      tx.manager,
      tx.tenantId,
      webhookType(events[0]!.type),
      events.map((e) => ({ id: e.id, time: e.time, caseId: e.subject })),
    );
  }
}

type WebhookEvent = { id: string; type: string; time: string; subject: string };

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function webhookView(r: WebhookRow): WebhookView {
  return {
    id: r.id,
    url: r.url,
    events: r.events,
    description: r.description,
    createdAt: iso(r.created_at)!,
  };
}

function deliveryView(r: DeliveryRow): DeliveryView {
  return {
    id: r.id,
    eventId: r.event_id,
    eventType: r.event_type,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    responseExcerpt: r.response_excerpt,
    nextAttemptAt: iso(r.next_attempt_at),
    deliveredAt: iso(r.delivered_at),
    createdAt: iso(r.created_at)!,
  };
}
