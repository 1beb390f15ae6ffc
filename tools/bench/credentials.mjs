// Credentials per second: our eddsa-rdfc-2022 signer next to the reference path (@digitalbazaar/vc
// with the same cryptosuite), on the same 19-outcome credential, in the same run, one core each.
//   npm run bench:credentials [-- <count>]
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const lib = require(join(root, 'dist/libs/credentials/src/index.js'));
const { sampleAchievementInput } = require(join(root, 'dist/libs/credentials/src/sample.js'));

const count = Number(process.argv[2] ?? 200);
const key = lib.generateEd25519Multikey('did:web:balanse.example.no');
const created = new Date('2026-11-01T10:00:00Z');
const credential = lib.achievementCredential(sampleAchievementInput());

// warm up, then measure
for (let i = 0; i < 20; i++) await lib.signCredential(credential, key, { created });
let started = process.hrtime.bigint();
let ours;
for (let i = 0; i < count; i++) ours = await lib.signCredential(credential, key, { created });
const oursMs = Number(process.hrtime.bigint() - started) / 1e6;

const reference = (iterations) =>
  JSON.parse(
    execFileSync(process.execPath, [join(root, 'libs/credentials/src/test/reference.mjs')], {
      input: JSON.stringify({
        mode: 'issue',
        credentials: [credential],
        keys: [key],
        contexts: Object.fromEntries(lib.CONTEXTS),
        date: created,
        iterations,
      }),
      maxBuffer: 64 * 1024 * 1024,
    }).toString('utf8'),
  );
const ref = reference(count);
const refProof = [].concat(ref.signed[0].proof)[0];
const identical = JSON.stringify(refProof) === JSON.stringify(ours.proof[0]);
const verified = await lib.verifyCredential(ours, (id) => (id === key.id ? key : undefined));

const rate = (ms) => ((count * 1000) / ms).toFixed(0);
console.log(
  `credentials: ${count} signatures of a 19-outcome AchievementCredential (eddsa-rdfc-2022)`,
);
console.log(`  ours       ${rate(oursMs)} per second (${(oursMs / count).toFixed(2)} ms each)`);
console.log(
  `  reference  ${rate(ref.ms)} per second (${(ref.ms / count).toFixed(2)} ms each, @digitalbazaar/vc)`,
);
console.log(`  proofs byte-identical: ${identical}; ours verifies: ${verified.verified}`);
if (!identical || !verified.verified) process.exitCode = 1;
