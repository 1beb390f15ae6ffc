import type { CommandTransport } from '@balanse/messaging';
import type { ReadinessCheck } from '@balanse/runtime';

export interface GatewayOptions {
  /** Request/reply to the services: NATS, or the embedded launcher's port. */
  commands: Pick<CommandTransport, 'request'>;
  adminToken: string;
  /** How long to wait for a service's answer. */
  commandTimeoutMs: number;
  readiness: ReadinessCheck[];
}

export const GATEWAY_OPTIONS = Symbol('GATEWAY_OPTIONS');
