import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConfigError } from '@balanse/runtime';
import { IssuerKey, IssuerKeys, verifyWithMultikey } from './issuer-keys';
import {
  embeddedIssuerKeys,
  issuerKeysConfigFromEnv,
  issuerKeysFromEnv,
  parseIssuerKeys,
} from './issuer-keys-env';
import {
  MultikeyError,
  publicKeyBytesFromMultibase,
  publicKeyMultibase,
  secretKeyMultibase,
  seedFromSecretMultibase,
} from '@balanse/credentials';

// W3C Data Integrity EdDSA Cryptosuites v1.0, the key pair of its test vectors (eddsa-rdfc-2022).
const SPEC_SECRET = 'z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq';
const SPEC_PUBLIC = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
// did:key method spec, its first Ed25519 example (multibase and the raw key it encodes).
const DID_KEY_PUBLIC = 'z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const DID_KEY_RAW = '3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29';

function configError(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('no ConfigError');
}

describe('Ed25519 Multikey', () => {
  it('derives the EdDSA spec vector: secretKeyMultibase z3u2… gives publicKeyMultibase z6Mk…', () => {
    const key = new IssuerKey('key-1', seedFromSecretMultibase(SPEC_SECRET));
    expect(key.publicKeyMultibase).toBe(SPEC_PUBLIC);
    expect(key.toConfigLine()).toBe(`key-1=${SPEC_SECRET}`);
  });

  it('encodes and decodes the did:key example (multicodec 0xed01 + base58btc)', () => {
    expect(publicKeyBytesFromMultibase(DID_KEY_PUBLIC).toString('hex')).toBe(DID_KEY_RAW);
    expect(publicKeyMultibase(Buffer.from(DID_KEY_RAW, 'hex'))).toBe(DID_KEY_PUBLIC);
  });

  it('refuses what is not an Ed25519 multikey, without echoing it', () => {
    const cases = [
      'not-multibase',
      'zzzz0OIl', // not base58
      SPEC_PUBLIC, // a public key where a secret key belongs
      secretKeyMultibase(Buffer.alloc(32)).slice(0, -2),
    ];
    for (const value of cases) {
      let error: unknown;
      try {
        seedFromSecretMultibase(value);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(MultikeyError);
      expect((error as Error).message).not.toContain(value);
    }
    expect(() => publicKeyBytesFromMultibase(SPEC_SECRET)).toThrow(MultikeyError);
  });
});

describe('issuer keys', () => {
  it('signs with the current key; every configured key verifies (rotation)', () => {
    const old = IssuerKey.generate('key-2025');
    const fresh = IssuerKey.generate('key-2026');
    const before = new IssuerKeys([old]).sign(Buffer.from('credential 1'));
    const rotated = new IssuerKeys([fresh, old]);
    expect(rotated.current.id).toBe('key-2026');
    expect(rotated.ids).toEqual(['key-2026', 'key-2025']);
    expect(rotated.verify(before.keyId, Buffer.from('credential 1'), before.signature)).toBe(true);
    const after = rotated.sign(Buffer.from('credential 2'));
    expect(after.keyId).toBe('key-2026');
    expect(after.signature).toHaveLength(64);
    expect(
      verifyWithMultikey(fresh.publicKeyMultibase, Buffer.from('credential 2'), after.signature),
    ).toBe(true);
    expect(rotated.verify('key-2026', Buffer.from('credential 3'), after.signature)).toBe(false);
    expect(rotated.verify('key-2025', Buffer.from('credential 2'), after.signature)).toBe(false);
    expect(rotated.verify('nope', Buffer.from('credential 2'), after.signature)).toBe(false);
    expect(rotated.verify('key-2026', Buffer.from('credential 2'), Buffer.alloc(3))).toBe(false);
  });

  it('gives a generated key an id from its public key and refuses duplicates', () => {
    const key = IssuerKey.generate();
    expect(key.id).toMatch(/^key-[\w-]{8}$/);
    expect(key.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(() => new IssuerKeys([key, key])).toThrow(/two issuer keys/);
    expect(() => new IssuerKeys([])).toThrow();
    expect(() => new IssuerKey('has space', Buffer.alloc(32))).toThrow(/key id/);
  });

  it('never shows secret material when logged', () => {
    const keys = new IssuerKeys([IssuerKey.generate('a'), IssuerKey.generate('b')]);
    const secrets = keys.all.map((k) => k.toConfigLine().split('=')[1] as string);
    for (const text of [inspect(keys), JSON.stringify(keys), inspect(keys.current), String(keys)])
      for (const secret of secrets) expect(text).not.toContain(secret);
    expect(inspect(keys)).toContain('current: a');
    expect(JSON.parse(JSON.stringify(keys))).toEqual({
      current: 'a',
      keys: keys.publicKeys(),
    });
  });
});

describe('issuer keys from the environment', () => {
  const a = IssuerKey.generate('key-a');
  const b = IssuerKey.generate('key-b');

  it('reads BALANSE_ISSUER_KEYS: comma- or line-separated, the first one current', () => {
    const keys = issuerKeysFromEnv({
      BALANSE_ISSUER_KEYS: `${b.toConfigLine()}, ${a.toConfigLine()}`,
    });
    expect(keys.ids).toEqual(['key-b', 'key-a']);
    expect(keys.current.publicKeyMultibase).toBe(b.publicKeyMultibase);
    expect(issuerKeysConfigFromEnv({ BALANSE_ISSUER_KEYS: '  ' })).toBeUndefined();
  });

  it('reads BALANSE_ISSUER_KEYS_FILE with comments and blank lines (a mounted secret)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'issuer-keys-'));
    const file = join(dir, 'keys');
    writeFileSync(file, `# rotated in May\n${a.toConfigLine()}\n\n${b.toConfigLine()}  # old\n`);
    expect(issuerKeysFromEnv({ BALANSE_ISSUER_KEYS_FILE: file }).ids).toEqual(['key-a', 'key-b']);
    const empty = join(dir, 'empty');
    writeFileSync(empty, '# nothing\n');
    expect(configError(() => issuerKeysFromEnv({ BALANSE_ISSUER_KEYS_FILE: empty }))).toContain(
      'holds no key',
    );
    expect(
      configError(() => issuerKeysFromEnv({ BALANSE_ISSUER_KEYS_FILE: join(dir, 'missing') })),
    ).toContain('ENOENT');
  });

  it('requires keys in the distributed mode and names problems without the secrets', () => {
    expect(configError(() => issuerKeysFromEnv({}))).toContain(
      'BALANSE_ISSUER_KEYS: is required in the distributed mode',
    );
    const secretA = a.toConfigLine().split('=')[1] as string;
    const message = configError(() =>
      issuerKeysFromEnv({
        BALANSE_ISSUER_KEYS: [
          a.toConfigLine(),
          `key-x=${secretA.slice(0, -3)}`,
          secretA,
          `key-a=${secretA}`,
          `key-c=${secretA}`,
          `bad id=${secretA}`,
        ].join('\n'),
      }),
    );
    expect(message).toContain('key 2 of 6 (key-x): secretKeyMultibase');
    expect(message).toContain('key 3 of 6: must be `<id>=<secretKeyMultibase>`');
    expect(message).toContain('key 4 of 6: the id key-a is used twice');
    expect(message).toContain('key 5 of 6 (key-c): the same key as key-a');
    expect(message).toContain('key 6 of 6: must be');
    expect(message).not.toContain(secretA);
    expect(message).not.toContain(secretA.slice(0, -3));
    expect(
      configError(() =>
        issuerKeysFromEnv({ BALANSE_ISSUER_KEYS: a.toConfigLine(), BALANSE_ISSUER_KEYS_FILE: 'f' }),
      ),
    ).toContain('not both');
  });

  it('parses a whole key file back to the same keys', () => {
    const keys = new IssuerKeys([a, b]);
    const parsed = parseIssuerKeys(keys.toConfig(), 'test');
    expect(parsed.problems).toEqual([]);
    expect(parsed.keys.map((k) => k.toPublic())).toEqual(keys.publicKeys());
  });
});

describe('the embedded mode', () => {
  it('creates <dataDir>/issuer-keys (0600) once, says so without the secret, then reuses it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'issuer-data-')), 'data');
    const logged: string[] = [];
    const first = await embeddedIssuerKeys(dir, undefined, (m) => logged.push(m));
    expect(first.created).toBe(join(dir, 'issuer-keys'));
    expect(statSync(join(dir, 'issuer-keys')).mode & 0o777).toBe(0o600);
    const text = readFileSync(join(dir, 'issuer-keys'), 'utf8');
    const secret = first.keys.current.toConfigLine().split('=')[1] as string;
    expect(text).toContain(secret);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(first.keys.current.publicKeyMultibase);
    expect(logged[0]).not.toContain(secret);
    const second = await embeddedIssuerKeys(dir, undefined, (m) => logged.push(m));
    expect(second.created).toBeUndefined();
    expect(second.keys.publicKeys()).toEqual(first.keys.publicKeys());
    expect(logged).toHaveLength(1);
  });

  it('prefers configured keys, keeps memory:// keys in memory, and refuses a damaged file', async () => {
    const configured = new IssuerKeys([IssuerKey.generate('cfg')]);
    expect((await embeddedIssuerKeys('/nonexistent', configured)).keys).toBe(configured);
    const memory = await embeddedIssuerKeys('memory://', undefined, () => undefined);
    expect(memory.created).toBeUndefined();
    expect(memory.keys.current.publicKeyMultibase).toMatch(/^z6Mk/);
    const dir = mkdtempSync(join(tmpdir(), 'issuer-bad-'));
    writeFileSync(join(dir, 'issuer-keys'), 'key-1=z3u2short\n');
    await expect(embeddedIssuerKeys(dir, undefined, () => undefined)).rejects.toThrow(
      /does not hold issuer keys/,
    );
  });
});
