import { IsIn, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { LOG_LEVELS } from '@balanse/contracts';
import { ConfigError } from './env';

const POSTGRES_URL = /^postgres(ql)?:\/\/[^\s/]+\/[^\s/?]+(\?\S*)?$/;
const NATS_URL = /^(nats|tls):\/\/[^\s]+$/;
const IsNatsUrl = () =>
  Matches(NATS_URL, { message: 'must be a nats:// URL, e.g. nats://127.0.0.1:4222' });
const HOUR_MS = 3600_000;

/** What every process reads: its HTTP port, how much it logs, the bus's message size. */
export class ProcessEnv {
  @IsInt({ message: 'must be an integer port' })
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: string = 'log';

  /** The largest command or answer on the bus (NATS: the lower of this and the server's max_payload). */
  @IsInt()
  @Min(64 * 1024)
  @Max(64 * 1024 * 1024)
  BALANSE_MAX_PAYLOAD_BYTES: number = 1024 * 1024;
}

/** Processes that run services (a service process, the embedded mode): how much each takes on. */
export class HandlingEnv extends ProcessEnv {
  /** Commands a service handles at once. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  BALANSE_MAX_CONCURRENT_COMMANDS: number = 64;

  /** Commands waiting for one of those slots; beyond, 503 SERVICE_BUSY. */
  @IsInt()
  @Min(0)
  @Max(100_000)
  BALANSE_MAX_QUEUED_COMMANDS: number = 256;

  /** Outbox rows a service's relay publishes at once. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  BALANSE_RELAY_MAX_IN_FLIGHT: number = 256;

  /** How long inbox rows (the record of events handled) are kept; longer than the stream's max age. */
  @IsInt()
  @Min(1)
  @Max(87_600)
  BALANSE_INBOX_RETENTION_HOURS: number = 35 * 24;
}

/** Processes of the distributed mode, which talk over NATS. */
export class NatsProcessEnv extends ProcessEnv {
  @IsNatsUrl()
  NATS_URL: string = 'nats://127.0.0.1:4222';
}

/** Configuration of a service process in the distributed mode. */
export class ServiceEnv extends HandlingEnv {
  @IsNatsUrl()
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @Matches(POSTGRES_URL, {
    message:
      "must be a postgres:// URL naming this service's database, e.g. postgres://postgres@127.0.0.1:5432/balanse_identify",
  })
  DATABASE_URL: string = undefined as unknown as string;

  /** JetStream stream replicas: 1 for one server, 3 for a production cluster. */
  @IsInt()
  @IsIn([1, 3, 5], { message: 'must be 1, 3 or 5' })
  NATS_STREAM_REPLICAS: number = 1;

  /** The event stream's max age, when a service creates the stream. */
  @IsInt()
  @Min(1)
  @Max(87_600)
  NATS_STREAM_MAX_AGE_HOURS: number = 30 * 24;

  /** The event stream's max size on disk, when a service creates the stream. */
  @IsInt()
  @Min(1024 * 1024)
  NATS_STREAM_MAX_BYTES: number = 4 * 1024 ** 3;

  /** What a full stream does: `new` refuses new events (they wait in the outboxes), `old` drops the oldest. */
  @IsIn(['new', 'old'])
  NATS_STREAM_DISCARD: 'new' | 'old' = 'new';

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

/** Rules between values: inbox rows must outlive the events the stream can deliver again. */
export function checkServiceEnv(env: ServiceEnv): ServiceEnv {
  if (env.BALANSE_INBOX_RETENTION_HOURS <= env.NATS_STREAM_MAX_AGE_HOURS)
    throw new ConfigError(
      `invalid configuration:\n  BALANSE_INBOX_RETENTION_HOURS: must exceed NATS_STREAM_MAX_AGE_HOURS (${env.NATS_STREAM_MAX_AGE_HOURS}), or a redelivered event could take effect twice (got ${env.BALANSE_INBOX_RETENTION_HOURS})`,
    );
  return env;
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

/** The command limits of a HandlingEnv, for the transports. */
export function commandLimits(env: HandlingEnv) {
  return {
    maxPayloadBytes: env.BALANSE_MAX_PAYLOAD_BYTES,
    maxConcurrent: env.BALANSE_MAX_CONCURRENT_COMMANDS,
    maxQueued: env.BALANSE_MAX_QUEUED_COMMANDS,
  };
}

export const hoursToMs = (hours: number) => hours * HOUR_MS;
