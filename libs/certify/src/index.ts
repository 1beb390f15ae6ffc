import type { ServiceDefinition } from '@balanse/runtime';
import { CertifyModule } from './certify.module';
import { Credential } from './credentials/credential.entity';
import { IssuerProfile } from './profile/issuer-profile.entity';
import { IssuerProfile1799000000500 } from './migrations/1799000000500-issuer-profile';
import { CertifyInit1764300000400 } from './migrations/1764300000400-certify-init';
import { CredentialStandardOutcomes1795900000400 } from './migrations/1795900000400-credential-standard-outcomes';
import { SignedCredentials1799000000600 } from './migrations/1799000000600-signed-credentials';
import { CredentialStatus1799000000750 } from './migrations/1799000000750-credential-status';
import { StandardPartLookup1799000000850 } from './migrations/1799000000850-standard-part-lookup';
import { StatusSlotSequence1799000000950 } from './migrations/1799000000950-status-slot-sequence';
import { configureCertify } from './issuer/issuer-config';
import { CredentialStandardVersion1799000000400 } from './migrations/1799000000400-credential-standard-version';

/** Certify (sertifisere): credentials for what was met. */
export const certifyService: ServiceDefinition = {
  name: 'certify',
  module: CertifyModule,
  entities: [Credential, IssuerProfile],
  migrations: [
    CertifyInit1764300000400,
    CredentialStandardOutcomes1795900000400,
    CredentialStandardVersion1799000000400,
    IssuerProfile1799000000500,
    SignedCredentials1799000000600,
    CredentialStatus1799000000750,
    StandardPartLookup1799000000850,
    StatusSlotSequence1799000000950,
  ],
  // The issuer's keys and public URL (issuer/issuer-config.ts).
  configure: configureCertify,
};

export { IssuerKey, IssuerKeys } from './issuer/issuer-keys';
export { parseIssuerKeys } from './issuer/issuer-keys-env';
