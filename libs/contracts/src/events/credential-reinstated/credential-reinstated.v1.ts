import { defineEvent } from '../event-type';
import { CredentialStatusChangeV1 } from '../credential-revoked/credential-revoked.v1';

/** A suspended credential was reinstated: its bit in the suspension list is cleared. */
export class CredentialReinstatedV1 extends CredentialStatusChangeV1 {}
export const CredentialReinstated = defineEvent(
  'balanse.credential.reinstated.v1',
  CredentialReinstatedV1,
);
