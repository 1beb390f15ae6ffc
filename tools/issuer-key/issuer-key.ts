// Prints a new Ed25519 issuer key as BALANSE_ISSUER_KEYS takes it: `<id>=<secretKeyMultibase>`.
//   npm run --silent issuer-key [-- <id>]
// Secret: put it in the secret store or `.env`, never in version control. Rotation: put the new
// line first and keep the old ones after it (comma- or line-separated).
import { IssuerKey } from '@balanse/certify';

const key = IssuerKey.generate(process.argv[2]);
console.error(`public key ${key.publicKeyMultibase} (the DID document shows it)`);
console.log(key.toConfigLine());
