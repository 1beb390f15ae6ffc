// Credentials per second: our eddsa-rdfc-2022 signer, on one thread and on the signing pool (one
// worker thread per core), next to the reference path (@digitalbazaar/vc with the same
// cryptosuite, in a child process: it is ESM-only), on `count` distinct Open Badges 3.0
// AchievementCredentials (ids, recipients, outcomes met, evidence all vary), in the same run.
//   npm run bench:credentials [-- <count> [<passes>]]
// Checks, each making the exit status non-zero when it fails: every proof byte-identical to the
// reference signer's, every pass (one thread and pool) byte-identical to the first, every
// credential verifies with our verifier and with the independent @digitalbazaar verifier.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const lib = require(join(root, 'dist/libs/credentials/src/index.js'));
const { sampleAchievementInput } = require(join(root, 'dist/libs/credentials/src/sample.js'));

const count = Number(process.argv[2] ?? 200);
const passes = Number(process.argv[3] ?? 3);
const key = lib.generateEd25519Multikey('did:web:balanse.example.no');
const created = new Date('2026-11-01T10:00:00Z');
const resolveKey = (id) => (id === key.id ? key : undefined);

/** `count` distinct credentials: certified and partial, with and without evidence. */
const credentials = Array.from({ length: count }, (_, i) => {
  const input = sampleAchievementInput(19 - (i % 19));
  return lib.achievementCredential({
    ...input,
    id: `urn:uuid:4f1c1d2e-3b4a-4c5d-8e6f-${String(i).padStart(12, '0')}`,
    validFrom: new Date(Date.parse('2026-11-01T10:00:00Z') + i * 60_000),
    recipient: { ...input.recipient, identifier: `kandidat-${i}@example.no`, salt: `salt-${i}` },
    evidence: input.evidence.slice(0, i % 3),
    outcomes: input.outcomes.map((o, j) =>
      j === i % 19 ? { ...o, name: `${o.name} (variant ${i})` } : o,
    ),
  });
});

const seconds = (from) => Number(process.hrtime.bigint() - from) / 1e9;
const cpuSeconds = (from) => {
  const { user, system } = process.cpuUsage(from);
  return (user + system) / 1e6;
};
const mb = () => Math.round(process.memoryUsage().rss / 1e6);
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const load = loadavg()[0].toFixed(1);

// Every signature of every pass is kept to the first pass's (Ed25519 is deterministic, `created`
// is fixed): so each credential signed here is either checked below or byte-identical to one that is.
let ours;
let firstPass;
let repeatedSame = 0;
const outputs = []; // each pass's signed credentials, compared after the timing
const sameAsFirst = (signed) => {
  const texts = signed.map((c) => JSON.stringify(c));
  if (!firstPass) {
    firstPass = texts;
    ours = signed;
    return texts.length;
  }
  return texts.filter((t, i) => t === firstPass[i]).length;
};

// One thread: warm up, then `passes` passes over the credentials, each signature timed.
for (let i = 0; i < 20; i++) await lib.signCredential(credentials[i % count], key, { created });
const latencies = [];
let started = process.hrtime.bigint();
let cpu = process.cpuUsage();
for (let pass = 0; pass < passes; pass++) {
  const signed = [];
  for (const credential of credentials) {
    const t = process.hrtime.bigint();
    signed.push(await lib.signCredential(credential, key, { created }));
    latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  outputs.push(signed);
}
const single = { s: seconds(started), cpu: cpuSeconds(cpu), n: count * passes, rss: mb() };
latencies.sort((a, b) => a - b);

// The pool: one thread per core; one unmeasured batch warms every thread's caches.
const pool = new lib.SigningPool();
await pool.sign(credentials, key, { created });
started = process.hrtime.bigint();
cpu = process.cpuUsage();
for (let pass = 0; pass < passes; pass++)
  outputs.push(await pool.sign(credentials, key, { created }));
const multi = { s: seconds(started), cpu: cpuSeconds(cpu), n: count * passes, rss: mb() };
await pool.close();
for (const signed of outputs.splice(0)) repeatedSame += sameAsFirst(signed);

// Our verifier, one thread.
started = process.hrtime.bigint();
const ourVerdicts = [];
for (const credential of ours) ourVerdicts.push(await lib.verifyCredential(credential, resolveKey));
const verifying = { s: seconds(started), n: count };

// The reference: signs the same credentials (warmed up as ours was), then verifies ours.
const reference = (input) =>
  JSON.parse(
    execFileSync(process.execPath, [join(root, 'libs/credentials/src/test/reference.mjs')], {
      input: JSON.stringify({ keys: [key], contexts: Object.fromEntries(lib.CONTEXTS), ...input }),
      maxBuffer: 256 * 1024 * 1024,
    }).toString('utf8'),
  );
const ref = reference({ mode: 'issue', credentials, date: created, iterations: 1, warmup: 20 });
const independent = reference({ mode: 'verify', credentials: ours });
// The reference verifier is itself intermittent: run over 200 credentials in one process it now
// and then rejects one ("Invalid signature."), a different one from run to run, and does the same
// to credentials its own signer made (2026-11-29: 0-2 in 200). A credential it rejects is verified
// again on its own in a fresh process (up to three times); one rejected there too fails the bench.
const retried = [];
for (const [i, verdict] of independent.entries()) {
  if (verdict.verified) continue;
  for (let attempt = 0; attempt < 3 && !independent[i].verified; attempt++)
    independent[i] = reference({ mode: 'verify', credentials: [ours[i]] })[0];
  retried.push({ i, first: verdict.error, verified: independent[i].verified });
}

const proofOf = (c) => JSON.stringify([].concat(c.proof)[0]);
// The reference signer, in the same batch process, once (2026-11-29) gave one proof in 200 that
// differed from ours: a proof that differs is made again on its own in a fresh process (up to
// three times), and the fields that differed are printed; one still different fails the bench.
const proofs = ref.signed.map(proofOf);
const differing = [];
for (const [i, proof] of proofs.entries()) {
  if (proof === proofOf(ours[i])) continue;
  const first = JSON.parse(proof);
  const fields = Object.keys(first).filter(
    (k) => JSON.stringify(first[k]) !== JSON.stringify([].concat(ours[i].proof)[0][k]),
  );
  for (let attempt = 0; attempt < 3 && proofs[i] !== proofOf(ours[i]); attempt++)
    proofs[i] = proofOf(
      reference({ mode: 'issue', credentials: [credentials[i]], date: created }).signed[0],
    );
  differing.push({ i, fields, same: proofs[i] === proofOf(ours[i]) });
}
const checks = [
  [
    'proofs byte-identical to the reference',
    proofs.filter((p, i) => p === proofOf(ours[i])).length,
    count,
  ],
  [
    'every pass, one thread and pool, byte-identical to the first',
    repeatedSame,
    2 * count * passes,
  ],
  ['verified by ours', ourVerdicts.filter((v) => v.verified).length, count],
  ['verified by @digitalbazaar', independent.filter((v) => v.verified).length, count],
];

const rate = (n, s) => (n / s).toFixed(0).padStart(5);
console.log(
  `credentials: ${count} distinct AchievementCredentials (eddsa-rdfc-2022), ${passes} passes;` +
    ` ${availableParallelism()} cores, load ${load}`,
);
console.log(
  `  ours, one thread   ${rate(single.n, single.s)} per second  p50 ${percentile(latencies, 0.5).toFixed(2)} ms` +
    `  p99 ${percentile(latencies, 0.99).toFixed(2)} ms  ${((single.cpu * 1000) / single.n).toFixed(2)} ms CPU each` +
    `  RSS ${single.rss} MB`,
);
console.log(
  `  ours, pool of ${pool.size}     ${rate(multi.n, multi.s)} per second  ` +
    `${((multi.s * 1000) / multi.n).toFixed(2)} ms each  ${((multi.cpu * 1000) / multi.n).toFixed(2)} ms CPU each` +
    `  RSS ${multi.rss} MB`,
);
console.log(`  reference          ${rate(count, ref.ms / 1000)} per second  (@digitalbazaar/vc)`);
console.log(`  ours, verifying    ${rate(verifying.n, verifying.s)} per second  (one thread)`);
let failed = false;
for (const [check, passed, total] of checks) {
  console.log(`  ${passed === total ? 'ok  ' : 'FAIL'} ${check}: ${passed}/${total}`);
  if (passed !== total) failed = true;
}
for (const { i, fields, same } of differing)
  console.log(
    `    the reference's proof of #${i} differed (${fields.join(', ')}); made again on its own: ` +
      (same ? 'identical' : 'still different'),
  );
for (const { i, first, verified } of retried)
  console.log(
    `    @digitalbazaar rejected #${i} in the batch (${first}); on its own in a fresh process: ` +
      (verified ? 'verified' : `rejected (${independent[i].error})`),
  );
if (failed) process.exitCode = 1;
