import { validationError } from '@balanse/contracts';
import type { Credential } from '../credentials/credential.entity';
import { STATUS_PURPOSES, type StatusPurpose } from '../status/status-credential';

/** A credential's status as the API shows it. A revocation is final; a suspension may be lifted. */
export type CredentialState = 'active' | 'suspended' | 'revoked';

export interface CredentialStatusView {
  status: CredentialState;
  /** When the status became what it is (null while active). */
  statusChangedAt: string | null;
  /** Why (the tenant's words; null while active). */
  statusReason: string | null;
}

type StatusColumns = Pick<
  Credential,
  'revokedAt' | 'revocationReason' | 'suspendedAt' | 'suspensionReason'
>;

/** Revoked outranks suspended: a revoked credential stays revoked whatever its suspension bit. */
export function credentialState(c: StatusColumns): CredentialState {
  return c.revokedAt ? 'revoked' : c.suspendedAt ? 'suspended' : 'active';
}

export function credentialStatusView(c: StatusColumns): CredentialStatusView {
  const status = credentialState(c);
  const [at, reason] =
    status === 'revoked'
      ? [c.revokedAt, c.revocationReason]
      : status === 'suspended'
        ? [c.suspendedAt, c.suspensionReason]
        : [null, null];
  return { status, statusChangedAt: at ? at.toISOString() : null, statusReason: reason ?? null };
}

/** What a revoke, suspend or reinstate asks. */
export type StatusChange = 'revoke' | 'suspend' | 'reinstate';

/**
 * What a change does to a credential in state `from`: `set` (the change applies), `same` (already
 * so: answered as it is, nothing changes, no event) or `final` (revoked: refused).
 */
export function statusTransition(
  from: CredentialState,
  change: StatusChange,
): 'set' | 'same' | 'final' {
  if (from === 'revoked') return change === 'revoke' ? 'same' : 'final';
  if (change === 'revoke') return 'set';
  if (change === 'suspend') return from === 'suspended' ? 'same' : 'set';
  return from === 'suspended' ? 'set' : 'same';
}

/** The largest list number there can be (a Postgres int). */
const MAX_LIST = 2_147_483_647;

/** A list number from the path: a positive whole number in decimal (400 naming `list` otherwise). */
export function statusListNumber(value: unknown): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,9}$/.test(text) || Number(text) > MAX_LIST)
    throw validationError([{ field: 'list', message: 'list must be a positive whole number' }]);
  return Number(text);
}

/** `revocation` or `suspension` (400 naming `purpose` otherwise). */
export function statusPurpose(value: unknown): StatusPurpose {
  if (typeof value !== 'string' || !(STATUS_PURPOSES as readonly string[]).includes(value))
    throw validationError([
      { field: 'purpose', message: `purpose must be one of ${STATUS_PURPOSES.join(', ')}` },
    ]);
  return value as StatusPurpose;
}
