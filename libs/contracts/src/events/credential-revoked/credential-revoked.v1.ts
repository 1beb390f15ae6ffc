import { IsDateString, IsIn, IsUUID } from 'class-validator';
import { defineEvent } from '../event-type';

/**
 * What the status events of a credential carry: which credential, for which case and standard,
 * and when. Never the reason: it is free text that may name people, so it stays in certify.
 */
export class CredentialStatusChangeV1 {
  @IsUUID() credentialId: string;
  @IsUUID() caseId: string;
  @IsUUID() standardId: string;
  @IsIn(['full', 'partial']) kind: 'full' | 'partial';
  /** When the status changed (ISO 8601). */
  @IsDateString() at: string;
}

/** A credential was revoked by its tenant (final): its bit in the revocation list is set. */
export class CredentialRevokedV1 extends CredentialStatusChangeV1 {}
export const CredentialRevoked = defineEvent('balanse.credential.revoked.v1', CredentialRevokedV1);
