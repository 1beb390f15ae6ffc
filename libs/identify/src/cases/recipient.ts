import { randomBytes } from 'node:crypto';
import { identityHash } from '@balanse/credentials';
import type { RecipientHashV1 } from '@balanse/contracts';

/**
 * The recipient of the case's credential as Open Badges 3.0 hides it: the e-mail (lower case)
 * where the candidate has one, else the pseudonymous candidate URN, hashed with a fresh salt.
 * Only this hash leaves identify; the holder shows the credential is theirs by the identifier.
 */
export function recipientHash(
  candidateId: string,
  email: string | null | undefined,
): RecipientHashV1 {
  const salt = randomBytes(16).toString('hex');
  return email
    ? {
        identityHash: identityHash(email.trim().toLowerCase(), salt),
        salt,
        identityType: 'emailAddress',
      }
    : {
        identityHash: identityHash(`urn:uuid:${candidateId}`, salt),
        salt,
        identityType: 'identifier',
      };
}
