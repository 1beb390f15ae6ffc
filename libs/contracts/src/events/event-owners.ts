import type { ServiceName } from '../commands/envelope';

/**
 * The one service that publishes each event, by event name (every version of it). A consumer
 * believes an event only when its `source` is `/balanse/<owner>`; with the bus's per-service
 * publish permissions, that is a claim the producer cannot fake.
 */
export const EVENT_OWNERS: Readonly<Record<string, ServiceName>> = {
  'case.opened': 'identify',
  'case.identified': 'identify',
  'case.documented': 'document',
  'case.assessed': 'assess',
  'case.certified': 'certify',
  'credential.revoked': 'certify',
  'credential.suspended': 'certify',
  'credential.reinstated': 'certify',
  'need.recorded': 'identify',
  'need.changed': 'identify',
  'standard.announced': 'identify',
};

/** `balanse.case.assessed.v2` → `case.assessed`; undefined for a type without a version. */
export function eventName(type: string): string | undefined {
  return /^balanse\.([a-z0-9.-]+)\.v[0-9]+$/.exec(type)?.[1];
}

/** The CloudEvents `source` the owner of `type` publishes with, or undefined when none is known. */
export function ownerSource(
  type: string,
  owners: Readonly<Record<string, string>> = EVENT_OWNERS,
): string | undefined {
  const name = eventName(type);
  const owner = name === undefined ? undefined : owners[name];
  return owner === undefined ? undefined : `/balanse/${owner}`;
}
