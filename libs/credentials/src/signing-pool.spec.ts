// The signing pool gives, for every credential of a batch and in order, exactly what
// `signCredential` gives in this thread; failures keep their stable code across the thread.
import { achievementCredential } from './achievement-credential';
import { signCredential, verifyCredential } from './eddsa-rdfc-2022';
import { generateEd25519Multikey } from './keys';
import { CredentialError, ProblemCode } from './problems';
import { sampleAchievementInput } from './sample';
import { SigningPool } from './signing-pool';

const key = generateEd25519Multikey('did:web:balanse.example.no');
const created = new Date('2026-11-01T10:00:00Z');

function credentials(count: number) {
  return Array.from({ length: count }, (_, i) =>
    achievementCredential({
      ...sampleAchievementInput(19 - (i % 19)),
      id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    }),
  );
}

describe('SigningPool', () => {
  const pool = new SigningPool({ size: 2 });
  afterAll(() => pool.close());

  it('signs a batch on two threads exactly as signCredential does here, in order', async () => {
    const batch = credentials(24);
    const signed = await pool.sign(batch, key, { created });
    expect(signed).toHaveLength(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const here = await signCredential(batch[i], key, { created });
      expect(JSON.stringify(signed[i])).toBe(JSON.stringify(here));
    }
    const resolve = (id: string) => (id === key.id ? key : undefined);
    for (const credential of signed)
      expect(await verifyCredential(credential, resolve)).toEqual({ verified: true, problems: [] });
  });

  it('rejects a batch with an unpinned context with UNKNOWN_CONTEXT, and keeps working', async () => {
    const [good, bad] = credentials(2);
    (bad['@context'] as string[]).push('https://example.org/unknown/v1');
    const failure = await pool.sign([good, bad], key, { created }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CredentialError);
    expect(failure).toMatchObject({ code: ProblemCode.UNKNOWN_CONTEXT, path: '@context' });
    await expect(pool.sign([good], key, { created })).resolves.toHaveLength(1);
  });

  it('rejects a credential that cannot be sent to a thread, and keeps working', async () => {
    const [good] = credentials(1);
    const odd = { ...good, name: () => 'not JSON' };
    await expect(pool.sign([odd], key, { created })).rejects.toThrow(/clone/i);
    await expect(pool.sign([good], key, { created })).resolves.toHaveLength(1);
  });

  it('refuses work once closed', async () => {
    const other = new SigningPool({ size: 1 });
    await other.close();
    await expect(other.sign(credentials(1), key)).rejects.toThrow(/closed/);
  });
});
