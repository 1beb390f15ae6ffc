// Issuing and verifying never touch the network (issue 9, item 2): with every way out of the
// process blocked (sockets, DNS, fetch), a credential is signed and verified, and one naming a
// context that is not pinned gets UNKNOWN_CONTEXT at once instead of a fetch or a hang.
import dns from 'node:dns';
import net from 'node:net';
import {
  achievementCredential,
  generateEd25519Multikey,
  ProblemCode,
  signCredential,
  verifyCredential,
} from './index';
import { sampleAchievementInput } from './sample';

describe('offline: no network is used', () => {
  const attempts: string[] = [];
  const blocked = (what: string) => () => {
    attempts.push(what);
    throw new Error(`network blocked in this test: ${what}`);
  };
  const saved = {
    connect: net.Socket.prototype.connect,
    lookup: dns.lookup,
    resolve: dns.promises.lookup,
    fetch: globalThis.fetch,
  };

  beforeAll(() => {
    net.Socket.prototype.connect = blocked('socket connect') as never;
    (dns as { lookup: unknown }).lookup = blocked('dns lookup');
    (dns.promises as { lookup: unknown }).lookup = blocked('dns lookup');
    globalThis.fetch = blocked('fetch') as never;
  });
  afterAll(() => {
    net.Socket.prototype.connect = saved.connect;
    (dns as { lookup: unknown }).lookup = saved.lookup;
    (dns.promises as { lookup: unknown }).lookup = saved.resolve;
    globalThis.fetch = saved.fetch;
  });

  it('has the network blocked', () => {
    expect(() => net.connect(443, 'example.org')).toThrow(/network blocked/);
    expect(() => fetch('https://example.org')).toThrow(/network blocked/);
    attempts.length = 0;
  });

  it('signs and verifies with the network blocked, and refuses an unpinned context at once', async () => {
    const key = generateEd25519Multikey('did:web:balanse.example.no');
    const resolve = (id: string) => (id === key.id ? key : undefined);
    const signed = await signCredential(achievementCredential(sampleAchievementInput()), key);
    expect(await verifyCredential(signed, resolve)).toEqual({ verified: true, problems: [] });

    const contexts = signed['@context'] as string[];
    const foreign = { ...signed, '@context': [...contexts, 'https://example.org/unknown/v1'] };
    const started = Date.now();
    const result = await verifyCredential(foreign, resolve);
    expect(result.verified).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual([ProblemCode.UNKNOWN_CONTEXT]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(attempts).toEqual([]);
  });
});
