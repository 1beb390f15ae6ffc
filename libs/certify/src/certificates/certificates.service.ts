import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, type CertificateFacts } from '@balanse/contracts';
import type { Credential } from '../credentials/credential.entity';
import { CredentialRepository } from '../credentials/credential.repository';
import { elmCredential, type ElmCredential } from '../elm';
import { IssuerConfig } from '../issuer/issuer-config';
import { IssuerProfileService } from '../profile/issuer-profile.service';
import { AnnouncedStandards, type AnnouncedStandard } from '../standards/announced-standards';
import { certificateFacts, issuerNameOf } from './certificate-facts';
import { elmAward } from './elm-award';

/**
 * A credential in the forms people and Europass read: the facts of its PDF certificate (the
 * gateway renders it, adding the candidate's name from identify) and its ELM 3.2 credential.
 */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly credentials: CredentialRepository,
    private readonly standards: AnnouncedStandards,
    private readonly profiles: IssuerProfileService,
    private readonly issuer: IssuerConfig,
  ) {}

  async facts(tenantId: string, id: string): Promise<CertificateFacts> {
    const { credential, standard } = await this.load(tenantId, id);
    const profile = await this.profiles.get(tenantId);
    return certificateFacts(credential, standard, this.issuer.publicUrl, profile.name);
  }

  async elm(tenantId: string, id: string): Promise<ElmCredential> {
    const { credential, standard } = await this.load(tenantId, id);
    const profile = await this.profiles.get(tenantId);
    const issuer = credential.document['issuer'] as Record<string, unknown> | undefined;
    const url = typeof issuer?.['url'] === 'string' ? issuer['url'] : profile.url;
    return elmCredential(
      elmAward(
        credential,
        standard,
        {
          did: typeof issuer?.['id'] === 'string' ? issuer['id'] : this.issuer.did,
          name: issuerNameOf(credential.document, profile.name),
          url,
        },
        this.issuer.publicUrl,
      ),
    );
  }

  private async load(
    tenantId: string,
    id: string,
  ): Promise<{ credential: Credential; standard: AnnouncedStandard }> {
    const credential = await this.credentials.find(tenantId, id);
    if (!credential) throw DomainError.notFound(ErrorCode.CREDENTIAL_NOT_FOUND, 'credential', id);
    const standard = await this.standards.find(
      this.dataSource.manager,
      tenantId,
      credential.standardId,
      credential.standardVersion,
    );
    if (!standard)
      throw new DomainError(
        409,
        ErrorCode.CERTIFICATE_UNAVAILABLE,
        `credential ${id} was issued before certify kept its standard's content`,
        { id },
      );
    return { credential, standard };
  }
}
