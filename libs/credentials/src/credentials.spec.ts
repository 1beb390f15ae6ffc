import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  achievementCredential,
  CONTEXTS,
  generateEd25519Multikey,
  identityHash,
  pinnedDocumentLoader,
  ProblemCode,
  signCredential,
  verifyCredential,
} from './index';
import schema from './test/achievementcredential.schema.json';
import { sampleAchievementInput as fixtureInput } from './sample';

type Json = Record<string, any>;

const key = generateEd25519Multikey('did:web:balanse.example.no');
const otherKey = generateEd25519Multikey('did:web:balanse.example.no', 'key-2');
const resolveKey = (id: string) => (id === key.id ? key : undefined);
const created = new Date('2026-11-01T10:00:00Z');

const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validateSchema = ajv.compile(schema);

/** Runs the @digitalbazaar reference (ESM) in a child process; see test/reference.mjs. */
function reference(mode: 'verify' | 'issue', credentials: Json[], extra: Json = {}) {
  const out = execFileSync(process.execPath, [join(__dirname, 'test/reference.mjs')], {
    input: JSON.stringify({
      mode,
      credentials,
      keys: [key],
      contexts: Object.fromEntries(CONTEXTS),
      ...extra,
    }),
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString('utf8'));
}

describe('pinned document loader', () => {
  it('answers the pinned contexts and refuses any other URL with UNKNOWN_CONTEXT', async () => {
    const load = pinnedDocumentLoader();
    await expect(load('https://www.w3.org/ns/credentials/v2')).resolves.toMatchObject({
      documentUrl: 'https://www.w3.org/ns/credentials/v2',
    });
    await expect(
      load('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'),
    ).resolves.toBeDefined();
    await expect(load('https://example.com/context.json')).rejects.toMatchObject({
      code: ProblemCode.UNKNOWN_CONTEXT,
    });
  });
});

describe('achievementCredential', () => {
  it('builds a certified credential that the official schema accepts', () => {
    const credential = achievementCredential(fixtureInput());
    expect(validateSchema(credential)).toBe(true);
    expect(JSON.stringify(credential)).not.toContain('kari.nordmann');
    const subject = credential.credentialSubject as Json;
    expect(subject.identifier[0].identityHash).toBe(
      identityHash('kari.nordmann@example.no', 'c2FsdC0xMjM0'),
    );
    expect(subject.achievement.alignment).toHaveLength(19 + 2);
    expect(subject.result.every((r: Json) => r.status === 'Completed')).toBe(true);
    expect(subject.creditsEarned).toBe(30);
    expect(credential.evidence).toEqual([
      expect.objectContaining({ digestSRI: 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' }),
    ]);
  });

  it('builds a partial credential with the outcomes not yet met and the training plan', () => {
    const credential = achievementCredential(fixtureInput(15));
    expect(validateSchema(credential)).toBe(true);
    const subject = credential.credentialSubject as Json;
    expect(subject.achievement.alignment).toHaveLength(15 + 2);
    expect(subject.result.filter((r: Json) => r.status === 'InProgress')).toHaveLength(4);
    expect(subject.narrative).toContain('K16');
    expect(subject.narrative).toContain('Tre måneder praksis');
  });
});

describe('eddsa-rdfc-2022', () => {
  let signed: Json;
  beforeAll(async () => {
    signed = await signCredential(achievementCredential(fixtureInput()), key, { created });
  });

  it('signs a credential that verifies, passes the schema and the independent verifier', async () => {
    expect(signed.proof).toHaveLength(1);
    expect(signed.proof[0].proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]+$/);
    expect(validateSchema(signed)).toBe(true);
    await expect(verifyCredential(signed, resolveKey)).resolves.toEqual({
      verified: true,
      problems: [],
    });
    expect(reference('verify', [signed])).toEqual([{ verified: true }]);
  });

  it('gives the same proof value as the reference signer', () => {
    const [ref] = reference('issue', [achievementCredential(fixtureInput())], {
      date: created,
    }).signed;
    const refProof = Array.isArray(ref.proof) ? ref.proof[0] : ref.proof;
    expect(refProof).toEqual(signed.proof[0]);
  });

  it('catches every tamper, with its code, here and in the independent verifier', async () => {
    const tampered: [string, Json, string][] = [];
    const outcome = structuredClone(signed);
    outcome.credentialSubject.result[3].status = 'Failed';
    tampered.push(['changed outcome', outcome, ProblemCode.PROOF_INVALID]);
    const date = structuredClone(signed);
    date.validFrom = '2026-10-01T10:00:00Z';
    tampered.push(['changed date', date, ProblemCode.PROOF_INVALID]);
    const swapped = structuredClone(signed);
    const other = (await signCredential(achievementCredential(fixtureInput(15)), key, {
      created,
    })) as Json;
    swapped.proof[0].proofValue = other.proof[0].proofValue;
    tampered.push(['swapped proof value', swapped, ProblemCode.PROOF_INVALID]);
    const removed = structuredClone(signed);
    delete removed.evidence;
    tampered.push(['removed field', removed, ProblemCode.PROOF_INVALID]);
    const wrongKey = await signCredential(
      achievementCredential(fixtureInput()),
      { ...otherKey, id: key.id },
      {
        created,
      },
    );
    tampered.push(['wrong key', wrongKey, ProblemCode.PROOF_INVALID]);

    for (const [name, credential, code] of tampered) {
      const result = await verifyCredential(credential, resolveKey);
      expect({ name, verified: result.verified, code: result.problems[0]?.code }).toEqual({
        name,
        verified: false,
        code,
      });
    }
    const independent = reference(
      'verify',
      tampered.map(([, c]) => c),
    );
    expect(independent.map((r: Json) => r.verified)).toEqual(tampered.map(() => false));
    // Each fails on the signature, not on reading the document.
    for (const r of independent) expect(r.error).toMatch(/Invalid signature/i);
  });

  it('names an unknown key, an unknown context and malformed input, and never throws', async () => {
    const unknownKey = await signCredential(achievementCredential(fixtureInput()), otherKey, {
      created,
    });
    expect((await verifyCredential(unknownKey, resolveKey)).problems[0].code).toBe(
      ProblemCode.KEY_UNKNOWN,
    );

    const foreignIssuer = structuredClone(signed);
    foreignIssuer.issuer.id = 'did:web:evil.example';
    expect((await verifyCredential(foreignIssuer, resolveKey)).problems[0].code).toBe(
      ProblemCode.KEY_UNKNOWN,
    );

    const context = structuredClone(signed);
    context['@context'].push('https://example.com/unknown-context.json');
    expect((await verifyCredential(context, resolveKey)).problems[0].code).toBe(
      ProblemCode.UNKNOWN_CONTEXT,
    );

    const undefinedTerm = structuredClone(signed);
    undefinedTerm.notATerm = 'x';
    expect((await verifyCredential(undefinedTerm, resolveKey)).problems[0].code).toBe(
      ProblemCode.MALFORMED,
    );

    const badValue = structuredClone(signed);
    badValue.proof[0].proofValue = 'z0OIl';
    expect((await verifyCredential(badValue, resolveKey)).problems[0].code).toBe(
      ProblemCode.MALFORMED,
    );

    const noProof = structuredClone(signed);
    delete noProof.proof;
    expect((await verifyCredential(noProof, resolveKey)).problems[0].code).toBe(
      ProblemCode.PROOF_MISSING,
    );

    for (const input of [
      null,
      'text',
      42,
      [],
      { proof: 'x' },
      { proof: [{ type: 'DataIntegrityProof' }] },
    ]) {
      const result = await verifyCredential(input, resolveKey);
      expect(result.verified).toBe(false);
      expect(result.problems).toHaveLength(1);
    }
  });
});

describe('keys', () => {
  it('signs with a 64-byte Multikey secret (seed and public key) as with the 32-byte seed', async () => {
    const { multibaseDecode, multibaseEncode } = await import('./multibase');
    const seed = multibaseDecode(key.secretKeyMultibase)!;
    const pub = multibaseDecode(key.publicKeyMultibase)!.subarray(2);
    const long = {
      ...key,
      secretKeyMultibase: multibaseEncode(Uint8Array.from([...seed, ...pub])),
    };
    const credential = achievementCredential(fixtureInput());
    const a = (await signCredential(credential, key, { created })) as Json;
    const b = (await signCredential(credential, long, { created })) as Json;
    expect(b.proof[0].proofValue).toBe(a.proof[0].proofValue);
  });
});
