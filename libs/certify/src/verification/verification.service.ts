import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DomainError,
  ErrorCode,
  VerifyCode,
  type StoredCredentialVerification,
  type VerifyResult,
} from '@balanse/contracts';
import { credentialOfJwt, decodeJws, looksLikeJwt, signVcJwt } from '@balanse/credentials';
import { Credential } from '../credentials/credential.entity';
import { IssuerConfig } from '../issuer/issuer-config';
import { credentialSummary } from './credential-summary';
import { CredentialVerifier } from './credential-verifier';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Verification anyone can run, and a tenant's credential as a VC-JWT. */
@Injectable()
export class VerificationService {
  constructor(
    private readonly verifier: CredentialVerifier,
    private readonly issuer: IssuerConfig,
    private readonly dataSource: DataSource,
  ) {}

  /** `POST /credentials/verify`: the W3C VC API verify answer for what was presented. */
  verify(credential: unknown): Promise<VerifyResult> {
    return this.verifier.verify(credential);
  }

  /** The form of the page `/verify`: the result and what the presented credential says. */
  async verifyPresented(credential: unknown): Promise<StoredCredentialVerification> {
    const result = await this.verifier.verify(credential);
    let document: unknown = credential;
    if (looksLikeJwt(credential)) {
      try {
        document = credentialOfJwt(decodeJws(credential).payload);
      } catch {
        document = undefined;
      }
    }
    return { found: true, result, summary: summaryOf(document, result) };
  }

  /**
   * The page `/verify/{id}`: the credential looked up by id alone (public by design: the id is
   * printed on the certificate and unguessable), verified with the same checks.
   */
  async verifyStored(id: unknown): Promise<StoredCredentialVerification> {
    const bare = typeof id === 'string' ? id.replace(/^urn:uuid:/i, '') : '';
    if (!UUID.test(bare)) return { found: false };
    const stored = await this.dataSource
      .getRepository(Credential)
      .findOneBy({ id: bare.toLowerCase() });
    if (!stored) return { found: false };
    const result = await this.verifier.verify(stored.document);
    return {
      found: true,
      result,
      summary: summaryOf(stored.document, result),
    };
  }

  /** The tenant's credential as a VC-JWT signed with the current issuer key. */
  async jwt(tenantId: string, id: string): Promise<{ jwt: string }> {
    const stored = await this.dataSource.getRepository(Credential).findOneBy({ tenantId, id });
    if (!stored) throw DomainError.notFound(ErrorCode.CREDENTIAL_NOT_FOUND, 'credential', id);
    return { jwt: signVcJwt(stored.document, this.issuer.signingKey) };
  }
}

function summaryOf(document: unknown, result: VerifyResult) {
  return credentialSummary(document, {
    revoked: result.errors.some((e) => e.code === VerifyCode.STATUS_REVOKED),
    suspended: result.errors.some((e) => e.code === VerifyCode.STATUS_SUSPENDED),
  });
}
