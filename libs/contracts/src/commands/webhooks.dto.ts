import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EachEntry } from '../validation';

/**
 * The events an HR system can subscribe to, as a delivery's `type` names them: each is the
 * domain event of that name (without the `balanse.` prefix and version), as identify sees it.
 */
export const WEBHOOK_EVENT_TYPES = [
  'case.opened',
  'case.identified',
  'case.documented',
  'case.assessed',
  'case.certified',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** `POST /api/v1/webhooks`: where to send which events, and optionally the signing secret. */
export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://hr.example.com/balanse/webhooks',
    description:
      'https (http only where the operator allows private addresses); no user info; a host that resolves to private, loopback, link-local or metadata addresses is refused',
  })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({
    enum: WEBHOOK_EVENT_TYPES,
    isArray: true,
    example: ['case.identified', 'case.certified'],
  })
  // One pass that stops at the size bound: a 100,000-entry array must not hold the gateway up.
  @EachEntry({
    of: 'array',
    unique: true,
    minEntries: 1,
    maxEntries: WEBHOOK_EVENT_TYPES.length,
    value: (v) =>
      (WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(v)
        ? undefined
        : `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
  })
  events: WebhookEventType[];

  @ApiPropertyOptional({
    example: 'whsec_3q2-7wEVrY0FcrOoOSyQkzqV6nZQ_XqK5cJ8v0dP2Ek',
    description:
      'the signing secret (24-200 visible ASCII characters); generated when left out. Answered once, by this POST',
  })
  @IsOptional()
  @Matches(/^[\x21-\x7E]{24,200}$/, { message: 'must be 24-200 visible ASCII characters' })
  secret?: string;

  @ApiPropertyOptional({ example: 'Workday production' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}
