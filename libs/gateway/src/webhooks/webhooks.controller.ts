import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Command,
  CreateWebhookDto,
  ErrorCode,
  EXAMPLE_IDS,
  type CommandContext,
} from '@balanse/contracts';
import { Caller } from '../http/principal';
import { Idempotent } from '../http/idempotency';
import { ServiceClient } from '../http/service-client';
import { ApiErrors, BODY_ERRORS } from '../openapi/api-errors';
import { ApiIdParam } from '../openapi/api-id-param';
import { ApiPaged } from '../openapi/api-paging';
import { CreatedWebhookView, DeliveryPageView, WebhookPageView } from './webhook.views';

const C = Command.identify;

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe a URL to case events; deliveries are signed with the answered secret',
  })
  @Idempotent()
  @ApiCreatedResponse({
    type: CreatedWebhookView,
    description: 'the webhook, with its secret (shown only here)',
  })
  @ApiErrors(...BODY_ERRORS, ErrorCode.IDEMPOTENCY_KEY_REUSED, {
    code: ErrorCode.VALIDATION_FAILED,
    message: 'invalid fields: url',
    fields: [
      {
        field: 'url',
        message: 'host resolves to a private, loopback, link-local or reserved address',
      },
    ],
  })
  create(@Caller() caller: CommandContext, @Body() body: CreateWebhookDto) {
    return this.services.call('identify', C.createWebhook, caller, { body });
  }

  @Get()
  @ApiOperation({ summary: "The tenant's webhooks, oldest first, a page at a time" })
  @ApiPaged()
  @ApiOkResponse({ type: WebhookPageView })
  @ApiErrors(ErrorCode.INVALID_CURSOR)
  list(@Caller() caller: CommandContext, @Query() query: Record<string, unknown>) {
    return this.services.call('identify', C.listWebhooks, caller, { query });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook with its delivery log; nothing more is sent to it' })
  @ApiIdParam('id', EXAMPLE_IDS.webhook)
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors(ErrorCode.WEBHOOK_NOT_FOUND)
  async delete(@Caller() caller: CommandContext, @Param('id') id: string): Promise<void> {
    await this.services.call('identify', C.deleteWebhook, caller, { params: { id } });
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary:
      "A webhook's deliveries, oldest first: status, attempts, the last answer or error, the next attempt",
  })
  @ApiIdParam('id', EXAMPLE_IDS.webhook)
  @ApiPaged()
  @ApiOkResponse({ type: DeliveryPageView })
  @ApiErrors(ErrorCode.WEBHOOK_NOT_FOUND, ErrorCode.INVALID_CURSOR)
  deliveries(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ) {
    return this.services.call('identify', C.webhookDeliveries, caller, { params: { id }, query });
  }
}
