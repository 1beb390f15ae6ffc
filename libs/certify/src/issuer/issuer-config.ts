import { Logger, type Provider } from '@nestjs/common';
import { ConfigError, type ServiceSetup } from '@balanse/runtime';
import { didWebFromUrl, DidWebError, verificationMethodId } from './did-web';
import { IssuerKeys } from './issuer-keys';
import { embeddedIssuerKeys, issuerKeysConfigFromEnv, issuerKeysFromEnv } from './issuer-keys-env';

/**
 * Who certify issues as: the keys and the public base URL (`BALANSE_PUBLIC_URL`, where the
 * gateway is reached from outside). The issuer's DID is `did:web` of that URL; credentials link
 * to outcomes, status lists and the verification page under it.
 */
export class IssuerConfig {
  constructor(
    readonly keys: IssuerKeys,
    private readonly baseUrl: () => string,
  ) {}

  /** The public base URL, without a trailing slash. */
  get publicUrl(): string {
    return this.baseUrl().replace(/\/+$/, '');
  }

  /** The platform's issuer DID (`did:web:<host>…`). */
  get did(): string {
    return didWebFromUrl(this.publicUrl);
  }

  /** The verification method new credentials are signed with. */
  get signingKey(): { id: string; secretKeyMultibase: string } {
    const key = this.keys.current;
    return {
      id: verificationMethodId(this.did, key.id),
      secretKeyMultibase: key.secretKeyMultibase,
    };
  }
}

function publicUrlFrom(value: string | undefined, fallback?: () => string): () => string {
  const given = value?.trim();
  if (!given) {
    if (fallback) return fallback;
    throw new ConfigError(
      'invalid configuration:\n  BALANSE_PUBLIC_URL: is required in the distributed mode (the URL the gateway is reached at, e.g. https://balanse.example.no): credentials name their issuer (did:web) and link to it',
    );
  }
  try {
    didWebFromUrl(given.replace(/\/+$/, ''));
  } catch (err) {
    const why = err instanceof DidWebError ? err.message : String(err);
    throw new ConfigError(`invalid configuration:\n  BALANSE_PUBLIC_URL: ${why}`);
  }
  return () => given;
}

/**
 * Certify's `configure`: the issuer keys (distributed: required from `BALANSE_ISSUER_KEYS` or
 * `_FILE`; embedded: those, else the data folder's, created at the first start) and the public
 * URL (embedded: the API's own unless `BALANSE_PUBLIC_URL` says otherwise).
 */
export async function configureCertify(setup: ServiceSetup): Promise<Provider[]> {
  let config: IssuerConfig;
  if (setup.mode === 'distributed') {
    const publicUrl = publicUrlFrom(setup.env['BALANSE_PUBLIC_URL']);
    config = new IssuerConfig(issuerKeysFromEnv(setup.env), publicUrl);
  } else {
    const publicUrl = publicUrlFrom(setup.env['BALANSE_PUBLIC_URL'], setup.publicUrl);
    const { keys } = await embeddedIssuerKeys(
      setup.dataDir,
      issuerKeysConfigFromEnv(setup.env),
      // A warning: the key must be backed up with the data folder.
      (message) => new Logger('certify').warn(message),
    );
    config = new IssuerConfig(keys, publicUrl);
  }
  return [{ provide: IssuerConfig, useValue: config }];
}
