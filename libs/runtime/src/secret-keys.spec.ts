import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConfigError } from './env';
import { SecretKeys, SecretUnreadable, secretsKeyId } from './secret-keys';
import { secretKeysFromEnv, secretsKeyConfigFromEnv } from './secrets-key-env';

const SECRET = 'whsec_the-signing-secret-of-one-webhook';
const key = () => randomBytes(32);

function unreadable(open: () => string): SecretUnreadable {
  try {
    open();
  } catch (err) {
    if (err instanceof SecretUnreadable) return err;
    throw err;
  }
  throw new Error('it opened');
}

describe('secrets sealed at rest (AES-256-GCM)', () => {
  it('seals to v1.<key id>.<iv>.<ciphertext+tag> in base64url and opens it again', () => {
    const k = key();
    const keys = new SecretKeys(k);
    const sealed = keys.seal(SECRET, 'webhook-1');
    expect(sealed).toMatch(/^v1\.[\w-]{8}\.[\w-]{16}\.[\w-]{22,}$/);
    expect(sealed.split('.')[1]).toBe(secretsKeyId(k));
    expect(sealed).not.toContain(SECRET);
    expect(sealed).not.toContain(Buffer.from(SECRET).toString('base64url'));
    expect(keys.open(sealed, 'webhook-1')).toBe(SECRET);
    // A fresh IV each time: the same secret never seals to the same text.
    expect(keys.seal(SECRET, 'webhook-1')).not.toBe(sealed);
  });

  it('opens what a previous key sealed and seals only under the current one (rotation)', () => {
    const [oldKey, newKey] = [key(), key()];
    const before = new SecretKeys(oldKey).seal(SECRET, 'w');
    const rotated = new SecretKeys(newKey, [oldKey]);
    expect(rotated.open(before, 'w')).toBe(SECRET);
    expect(rotated.isCurrent(before)).toBe(false);
    const after = rotated.seal(SECRET, 'w');
    expect(rotated.isCurrent(after)).toBe(true);
    expect(after.split('.')[1]).toBe(secretsKeyId(newKey));
    expect(rotated.keyIds).toEqual([secretsKeyId(newKey), secretsKeyId(oldKey)]);
    // Without the old key the old value does not open, and says which key it needs.
    const err = unreadable(() => new SecretKeys(newKey).open(before, 'w'));
    expect(err.code).toBe('UNKNOWN_KEY');
    expect(err.message).toContain(secretsKeyId(oldKey));
  });

  it('refuses an altered value, a value moved to another row, and a malformed one', () => {
    const keys = new SecretKeys(key());
    const sealed = keys.seal(SECRET, 'w1');
    const [v, id, iv, body] = sealed.split('.') as [string, string, string, string];
    const flip = (s: string, at: number) =>
      s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
    expect(unreadable(() => keys.open([v, id, iv, flip(body, 3)].join('.'), 'w1')).code).toBe(
      'TAMPERED',
    );
    expect(unreadable(() => keys.open([v, id, flip(iv, 0), body].join('.'), 'w1')).code).toBe(
      'TAMPERED',
    );
    expect(unreadable(() => keys.open(sealed, 'w2')).code).toBe('TAMPERED');
    expect(unreadable(() => keys.open(SECRET, 'w1')).code).toBe('MALFORMED');
    expect(unreadable(() => keys.open(`v2.${id}.${iv}.${body}`, 'w1')).code).toBe('MALFORMED');
    expect(unreadable(() => keys.open(sealed, 'w2')).message).not.toContain(SECRET);
  });

  it('never shows a key when logged', () => {
    const k = key();
    const keys = new SecretKeys(k);
    for (const text of [inspect(keys), JSON.stringify(keys), String(keys)]) {
      expect(text).not.toContain(k.toString('base64'));
      expect(text).not.toContain(k.toString('hex'));
    }
    expect(inspect(keys)).toContain(keys.currentId);
  });
});

describe('the secrets key from the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'balanse-secrets-key-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const messageOf = (env: NodeJS.ProcessEnv) => {
    try {
      secretKeysFromEnv(env);
      return '';
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
  };

  it('reads the key as base64 or base64url, from the variable or a file, with previous keys', () => {
    const [k, old1, old2] = [key(), key(), key()];
    expect(secretKeysFromEnv({ BALANSE_SECRETS_KEY: k.toString('base64') }).currentId).toBe(
      secretsKeyId(k),
    );
    expect(secretKeysFromEnv({ BALANSE_SECRETS_KEY: k.toString('base64url') }).currentId).toBe(
      secretsKeyId(k),
    );
    const fromFile = secretKeysFromEnv({
      BALANSE_SECRETS_KEY_FILE: file('key', `${k.toString('base64')}\n`),
      BALANSE_SECRETS_KEY_PREVIOUS: `${old1.toString('base64')}, ${old2.toString('base64')}`,
    });
    expect(fromFile.keyIds).toEqual([k, old1, old2].map(secretsKeyId));
  });

  it('refuses the distributed mode without a key, saying how to make one', () => {
    expect(messageOf({})).toMatch(
      /BALANSE_SECRETS_KEY: is required in the distributed mode .*openssl rand -base64 32/,
    );
    // The embedded mode reads the configuration without requiring a key.
    expect(secretsKeyConfigFromEnv({})).toEqual({ current: undefined, previous: [] });
  });

  it('names a bad key without showing it', () => {
    const bad = 'not-a-key-but-a-secret-all-the-same';
    const short = randomBytes(16).toString('base64');
    expect(messageOf({ BALANSE_SECRETS_KEY: bad })).toMatch(
      /BALANSE_SECRETS_KEY: must be base64 of 32 random bytes.*\(value not shown\)/,
    );
    const messages = [
      messageOf({ BALANSE_SECRETS_KEY: bad }),
      messageOf({ BALANSE_SECRETS_KEY: short }),
      messageOf({ BALANSE_SECRETS_KEY_FILE: file('bad', bad) }),
      messageOf({
        BALANSE_SECRETS_KEY: key().toString('base64'),
        BALANSE_SECRETS_KEY_PREVIOUS: `${key().toString('base64')},${short}`,
      }),
    ];
    for (const m of messages)
      expect(m).not.toMatch(new RegExp(`${bad}|${short.replace(/[+/=]/g, '.')}`));
    expect(messages[2]).toMatch(/BALANSE_SECRETS_KEY_FILE: must hold base64 of 32/);
    expect(messages[3]).toMatch(/BALANSE_SECRETS_KEY_PREVIOUS: key 2 of 2 must be base64/);
  });

  it('names a missing or empty file, and both ways set at once', () => {
    expect(messageOf({ BALANSE_SECRETS_KEY_FILE: join(dir, 'missing') })).toMatch(
      /BALANSE_SECRETS_KEY_FILE: cannot read .*missing \(ENOENT\)/,
    );
    expect(messageOf({ BALANSE_SECRETS_KEY_FILE: file('empty', '\n') })).toMatch(
      /BALANSE_SECRETS_KEY_FILE: the file is empty/,
    );
    const k = key().toString('base64');
    expect(
      messageOf({ BALANSE_SECRETS_KEY: k, BALANSE_SECRETS_KEY_FILE: file('both', k) }),
    ).toMatch(/set either BALANSE_SECRETS_KEY or BALANSE_SECRETS_KEY_FILE, not both/);
  });
});
