import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, secretsKeyId } from '@balanse/runtime';
import { embeddedSecretKeys, SECRETS_KEY_FILE_NAME } from './secrets-key';

describe('the embedded mode keeps its secrets key in the data folder', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'balanse-embedded-key-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates a key (owner-only) at the first start and reads the same one after', async () => {
    const first = await embeddedSecretKeys(join(dir, 'data'));
    const file = join(dir, 'data', SECRETS_KEY_FILE_NAME);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const kept = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    expect(first.currentId).toBe(secretsKeyId(kept));
    const again = await embeddedSecretKeys(join(dir, 'data'));
    expect(again.open(first.seal('s', 'w'), 'w')).toBe('s');
  });

  it('uses the configured key instead, with previous keys either way', async () => {
    const [current, old] = [randomBytes(32), randomBytes(32)];
    const keys = await embeddedSecretKeys(dir, { current, previous: [old] });
    expect(keys.keyIds).toEqual([secretsKeyId(current), secretsKeyId(old)]);
    await expect(stat(join(dir, SECRETS_KEY_FILE_NAME))).rejects.toThrow(/ENOENT/);
    const kept = await embeddedSecretKeys(dir, { previous: [old] });
    expect(kept.keyIds[1]).toBe(secretsKeyId(old));
  });

  it('keeps a memory:// key in memory only, and refuses a damaged key file', async () => {
    expect((await embeddedSecretKeys('memory://')).keyIds).toHaveLength(1);
    await writeFile(join(dir, SECRETS_KEY_FILE_NAME), 'damaged\n');
    await expect(embeddedSecretKeys(dir)).rejects.toThrow(ConfigError);
    await expect(embeddedSecretKeys(dir)).rejects.toThrow(/does not hold a key/);
  });
});
