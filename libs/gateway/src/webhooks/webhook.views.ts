import { ApiProperty } from '@nestjs/swagger';
import { EXAMPLE_IDS as ID, WEBHOOK_EVENT_TYPES } from '@balanse/contracts';
import { PageView } from '../openapi/api-paging';

/** What identify answers about webhooks (`WebhookView`, `DeliveryView` there). */

export class WebhookView {
  @ApiProperty({ format: 'uuid', example: ID.webhook }) id: string;
  @ApiProperty({ example: 'https://hr.example.com/balanse/webhooks' }) url: string;
  @ApiProperty({
    enum: WEBHOOK_EVENT_TYPES,
    isArray: true,
    example: ['case.identified', 'case.certified'],
  })
  events: string[];
  @ApiProperty({ type: String, nullable: true, example: 'Workday production' })
  description: string | null;
  @ApiProperty({ format: 'date-time', example: '2025-03-03T09:00:00.000Z' }) createdAt: string;
}

export class CreatedWebhookView extends WebhookView {
  @ApiProperty({
    example: 'whsec_3q2-7wEVrY0FcrOoOSyQkzqV6nZQ_XqK5cJ8v0dP2Ek',
    description:
      'the signing secret; shown only in this answer (keep it: deliveries are signed with it). Balanse stores it encrypted',
  })
  secret: string;
}

export const WebhookPageView = PageView(WebhookView, 'WebhookPage');

export class DeliveryView {
  @ApiProperty({ format: 'uuid', example: ID.delivery, description: '`Balanse-Delivery-Id`' })
  id: string;
  @ApiProperty({
    format: 'uuid',
    example: ID.event,
    description: '`Balanse-Event-Id`, `id` in the body',
  })
  eventId: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, example: 'case.identified' }) eventType: string;
  @ApiProperty({
    enum: ['pending', 'delivered', 'failed'],
    example: 'delivered',
    description: '`failed`: every attempt failed; nothing more is tried',
  })
  status: string;
  @ApiProperty({ example: 3 }) attempts: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 200,
    description: "the receiver's last answer",
  })
  lastStatusCode: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description:
      'why the last attempt failed; `WEBHOOK_SECRET_UNREADABLE: …` when the stored signing secret cannot be decrypted with the configured keys (nothing was sent)',
  })
  lastError: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'ok',
    description: "the start of the receiver's last answer (at most 256 bytes are read)",
  })
  responseExcerpt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  nextAttemptAt: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2025-03-03T09:00:31.000Z',
  })
  deliveredAt: string | null;
  @ApiProperty({ format: 'date-time', example: '2025-03-03T09:00:00.000Z' }) createdAt: string;
}

export const DeliveryPageView = PageView(DeliveryView, 'WebhookDeliveryPage');
