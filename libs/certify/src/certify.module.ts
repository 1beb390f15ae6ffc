import { Module } from '@nestjs/common';
import { CertificateQueries } from './certificates/certificates.handlers';
import { CertificatesService } from './certificates/certificates.service';
import { CredentialEvents, CredentialQueries } from './credentials/credentials.handlers';
import { CredentialRepository } from './credentials/credential.repository';
import { CredentialsService } from './credentials/credentials.service';
import { EvidenceRefEvents, EvidenceRefs } from './evidence/evidence-refs';
import { IssuerProfileCommands } from './profile/issuer-profile.handlers';
import { IssuerProfileService } from './profile/issuer-profile.service';
import { RecipientEvents, Recipients } from './recipients/recipients';
import { AnnouncedStandards } from './standards/announced-standards';
import { AnnouncedStandardEvents } from './standards/announced-standards.handlers';
import { StatusSlots } from './status/status-slots';

@Module({
  controllers: [
    CredentialQueries,
    CredentialEvents,
    IssuerProfileCommands,
    AnnouncedStandardEvents,
    RecipientEvents,
    EvidenceRefEvents,
    CertificateQueries,
  ],
  providers: [
    CredentialRepository,
    CredentialsService,
    IssuerProfileService,
    AnnouncedStandards,
    Recipients,
    StatusSlots,
    EvidenceRefs,
    CertificatesService,
  ],
})
export class CertifyModule {}
