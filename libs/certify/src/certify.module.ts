import { Module } from '@nestjs/common';
import { CredentialEvents, CredentialQueries } from './credentials/credentials.handlers';
import { CredentialsService } from './credentials/credentials.service';

@Module({ controllers: [CredentialQueries, CredentialEvents], providers: [CredentialsService] })
export class CertifyModule {}
