import { Module } from '@nestjs/common';
import { CredentialEvents, CredentialQueries } from './credentials/credentials.handlers';
import { CredentialRepository } from './credentials/credential.repository';
import { CredentialsService } from './credentials/credentials.service';
import { IssuerProfileCommands } from './profile/issuer-profile.handlers';
import { IssuerProfileService } from './profile/issuer-profile.service';

@Module({
  controllers: [CredentialQueries, CredentialEvents, IssuerProfileCommands],
  providers: [CredentialRepository, CredentialsService, IssuerProfileService],
})
export class CertifyModule {}
