import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { Command, CreateWebhookDto, PageQueryDto, type CommandContext } from '@balanse/contracts';
import { IdPipe } from '@balanse/messaging';
import { WebhooksService } from './webhooks.service';

const C = Command.identify;

/** Webhook subscriptions and their delivery log, as the gateway asks. */
@Controller()
export class WebhookCommands {
  constructor(private readonly webhooks: WebhooksService) {}

  @MessagePattern(C.createWebhook)
  create(@Ctx() ctx: CommandContext, @Payload('body') body: CreateWebhookDto) {
    return this.webhooks.create(ctx, body);
  }

  @MessagePattern(C.listWebhooks)
  list(@Ctx() ctx: CommandContext, @Payload('query') query: PageQueryDto) {
    return this.webhooks.list(ctx.tenantId, query);
  }

  @MessagePattern(C.deleteWebhook)
  delete(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.webhooks.delete(ctx, id);
  }

  @MessagePattern(C.webhookDeliveries)
  deliveries(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('query') query: PageQueryDto,
  ) {
    return this.webhooks.deliveries(ctx.tenantId, id, query);
  }
}
