import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { loadEnv } from '@balanse/runtime';

const flag = () => Transform(({ value }) => value === true || value === 'true');

/** How identify delivers webhooks; read from the environment when the module starts. */
export class WebhookSettings {
  /** Private, loopback, link-local and metadata addresses allowed as webhook targets. */
  @flag()
  @IsBoolean()
  BALANSE_WEBHOOKS_ALLOW_PRIVATE: boolean = false;

  /** Plain http allowed as well as https. */
  @flag()
  @IsBoolean()
  BALANSE_WEBHOOKS_ALLOW_HTTP: boolean = false;

  /** Deliveries sent at once by this process. */
  @IsInt()
  @Min(1)
  @Max(256)
  BALANSE_WEBHOOKS_CONCURRENCY: number = 8;

  /** Attempts before a delivery is given up (`failed`). */
  @IsInt()
  @Min(1)
  @Max(50)
  BALANSE_WEBHOOKS_MAX_ATTEMPTS: number = 10;

  /** Wait before the second attempt; doubles each time, at most 6 h. */
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  BALANSE_WEBHOOKS_RETRY_BASE_MS: number = 30_000;

  /** How long one attempt may take (connect, send, answer). */
  @IsInt()
  @Min(100)
  @Max(60_000)
  BALANSE_WEBHOOKS_TIMEOUT_MS: number = 5_000;

  /** How often the worker looks for due deliveries. */
  @IsInt()
  @Min(10)
  @Max(60_000)
  BALANSE_WEBHOOKS_POLL_MS: number = 1_000;

  static fromEnv(): WebhookSettings {
    return loadEnv(WebhookSettings);
  }
}
