import { IsInt, Max, Min } from 'class-validator';
import { loadEnv } from '@balanse/runtime';

/** Bulk intake in identify; read from the environment when the module starts. */
export class BulkSettings {
  /**
   * A `running` job not heard from for this long is shown `incomplete`: its gateway died
   * mid-upload. A live gateway reports at least three times as often, even while the client is
   * slow to send.
   */
  @IsInt()
  @Min(1)
  @Max(86_400)
  BALANSE_BULK_STALE_SECONDS: number = 60;

  static fromEnv(): BulkSettings {
    return loadEnv(BulkSettings);
  }
}
