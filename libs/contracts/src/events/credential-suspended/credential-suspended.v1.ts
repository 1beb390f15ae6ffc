import { defineEvent } from '../event-type';
import { CredentialStatusChangeV1 } from '../credential-revoked/credential-revoked.v1';

/** A credential was suspended by its tenant: its bit in the suspension list is set. */
export class CredentialSuspendedV1 extends CredentialStatusChangeV1 {}
export const CredentialSuspended = defineEvent(
  'balanse.credential.suspended.v1',
  CredentialSuspendedV1,
);
