import { IsIn, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { LOG_LEVELS } from '@balanse/contracts';

const POSTGRES_URL = /^postgres(ql)?:\/\/[^\s/]+\/[^\s/?]+(\?\S*)?$/;
const NATS_URL = /^(nats|tls):\/\/[^\s]+$/;

/** What every process reads: its HTTP port and how much it logs. */
export class ProcessEnv {
  @IsInt({ message: 'must be an integer port' })
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: string = 'log';
}

/** Processes of the distributed mode, which talk over NATS. */
export class NatsProcessEnv extends ProcessEnv {
  @Matches(NATS_URL, { message: 'must be a nats:// URL, e.g. nats://127.0.0.1:4222' })
  NATS_URL: string = 'nats://127.0.0.1:4222';
}

/** Configuration of a service process in the distributed mode. */
export class ServiceEnv extends NatsProcessEnv {
  @Matches(POSTGRES_URL, {
    message:
      "must be a postgres:// URL naming this service's database, e.g. postgres://postgres@127.0.0.1:5432/balanse_identify",
  })
  DATABASE_URL: string = undefined as unknown as string;

  /** JetStream stream replicas: 1 for one server, 3 for a production cluster. */
  @IsInt()
  @IsIn([1, 3, 5], { message: 'must be 1, 3 or 5' })
  NATS_STREAM_REPLICAS: number = 1;

  /** How long JetStream waits for an ack before redelivering. */
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  BALANSE_ACK_WAIT_MS: number = 30_000;

  /** Deliveries before an event goes to the dead letters. */
  @IsInt()
  @Min(1)
  @Max(100)
  BALANSE_MAX_ATTEMPTS: number = 5;
}

/** Configuration of the gateway in the distributed mode. */
export class GatewayEnv extends NatsProcessEnv {
  @IsString({ message: 'is required in the distributed mode' })
  @MinLength(16, { message: 'must be at least 16 characters' })
  BALANSE_ADMIN_TOKEN: string = undefined as unknown as string;

  /** How long the gateway waits for a service to answer. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  BALANSE_COMMAND_TIMEOUT_MS: number = 10_000;
}
