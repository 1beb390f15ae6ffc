import { Module } from '@nestjs/common';
import { CredentialEvents, CredentialQueries } from './credentials/credentials.handlers';
import { CredentialsService } from './credentials/credentials.service';

@Module({ providers: [CredentialsService, CredentialQueries, CredentialEvents] })
export class CertifyModule {}
