import { DEFAULT_MAX_PAYLOAD_BYTES, type CommandTransport } from '@balanse/messaging';
import type { MetricsText, ReadinessCheck } from '@balanse/runtime';

export interface GatewayOptions {
  /** Request/reply to the services: NATS, or the embedded launcher's port. */
  commands: Pick<CommandTransport, 'request'>;
  adminToken: string;
  /** How long to wait for a service's answer. */
  commandTimeoutMs: number;
  readiness: ReadinessCheck[];
  /**
   * The bus's max payload: the JSON body limit is this less room for the command's envelope, so
   * a body too large for the bus is refused 413 as it arrives (and the transport answers 413 for
   * one that still does not fit). Default: NATS's, 1 MiB.
   */
  maxPayloadBytes?: number;
  /** `/metrics`' text; by default this process's registry. */
  metrics?: MetricsText;
}

/** Room in one bus message for the command's context and path parameters around the body. */
const COMMAND_ENVELOPE_BYTES = 8 * 1024;

/** The largest JSON body the gateway reads, in bytes. */
export function jsonBodyLimit(options: Pick<GatewayOptions, 'maxPayloadBytes'>): number {
  return (options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES) - COMMAND_ENVELOPE_BYTES;
}

export const GATEWAY_OPTIONS = Symbol('GATEWAY_OPTIONS');
