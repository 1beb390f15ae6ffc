import { Module } from '@nestjs/common';
import { WebhookCommands } from './webhooks.handlers';
import { WebhookRepository } from './webhook.repository';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookSettings } from './webhook-settings';
import { WebhookWorker } from './webhook-worker';
import { WebhooksService } from './webhooks.service';

/** Notifications back to HR systems: subscriptions, a delivery outbox and its worker. */
@Module({
  controllers: [WebhookCommands],
  providers: [
    { provide: WebhookSettings, useFactory: () => WebhookSettings.fromEnv() },
    WebhookRepository,
    WebhookSecrets,
    WebhooksService,
    WebhookWorker,
  ],
  exports: [WebhooksService],
})
export class WebhooksModule {}
