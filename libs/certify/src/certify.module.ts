import { Module } from '@nestjs/common';
import { CredentialEvents, CredentialQueries } from './credentials/credentials.handlers';
import { CredentialRepository } from './credentials/credential.repository';
import { CredentialsService } from './credentials/credentials.service';

@Module({
  controllers: [CredentialQueries, CredentialEvents],
  providers: [CredentialRepository, CredentialsService],
})
export class CertifyModule {}
