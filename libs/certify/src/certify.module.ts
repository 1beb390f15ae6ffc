import { Module } from '@nestjs/common';
import { CertificateQueries } from './certificates/certificates.handlers';
import { CertificatesService } from './certificates/certificates.service';
import { CredentialEvents, CredentialQueries } from './credentials/credentials.handlers';
import { CredentialRepository } from './credentials/credential.repository';
import { CredentialsService } from './credentials/credentials.service';
import { EvidenceRefEvents, EvidenceRefs } from './evidence/evidence-refs';
import { AnnouncedOutcomes } from './outcomes/announced-outcome';
import { OutcomeQueries } from './outcomes/outcomes.handlers';
import { IssuerProfileCommands } from './profile/issuer-profile.handlers';
import { IssuerProfileService } from './profile/issuer-profile.service';
import { RecipientEvents, Recipients } from './recipients/recipients';
import { AnnouncedStandards } from './standards/announced-standards';
import { AnnouncedStandardEvents } from './standards/announced-standards.handlers';
import { StatusSlots } from './status/status-slots';
import { IssuerPublicQueries, RevocationCommands } from './revocation/revocation.handlers';
import { RevocationService } from './revocation/revocation.service';
import { StatusListPublisher } from './revocation/status-list-publisher';
import { CredentialVerifier } from './verification/credential-verifier';
import { VerificationQueries } from './verification/verification.handlers';
import { VerificationService } from './verification/verification.service';

@Module({
  controllers: [
    CredentialQueries,
    CredentialEvents,
    IssuerProfileCommands,
    AnnouncedStandardEvents,
    RecipientEvents,
    EvidenceRefEvents,
    CertificateQueries,
    RevocationCommands,
    IssuerPublicQueries,
    VerificationQueries,
    OutcomeQueries,
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
    RevocationService,
    StatusListPublisher,
    CredentialVerifier,
    VerificationService,
    AnnouncedOutcomes,
  ],
})
export class CertifyModule {}
