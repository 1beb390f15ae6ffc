import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';

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
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
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
