import { Module } from '@nestjs/common';
import { CredentialEvents, CredentialQueries } from './credentials/credentials.handlers';
import { CredentialRepository } from './credentials/credential.repository';
import { CredentialsService } from './credentials/credentials.service';
import { IssuerProfileCommands } from './profile/issuer-profile.handlers';
import { IssuerProfileService } from './profile/issuer-profile.service';
import { RecipientEvents, Recipients } from './recipients/recipients';
import { AnnouncedStandards } from './standards/announced-standards';
import { AnnouncedStandardEvents } from './standards/announced-standards.handlers';
import { StatusSlots } from './status/status-slots';
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
    VerificationQueries,
  ],
  providers: [
    CredentialRepository,
    CredentialsService,
    IssuerProfileService,
    AnnouncedStandards,
    Recipients,
    StatusSlots,
    CredentialVerifier,
    VerificationService,
  ],
})
export class CertifyModule {}
