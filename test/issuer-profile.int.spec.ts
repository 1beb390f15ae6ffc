/**
 * A tenant's issuer profile (issue 9, item 3): how its credentials name their issuer. Read and
 * set through the gateway; each tenant sees only its own; embedded mode.
 */
import { startStack, type Stack } from '@balanse/testing';

describe('issuer profile (embedded)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ mode: 'embedded' });
  }, 120_000);
  afterAll(() => stack?.stop());

  it('answers the default until the tenant sets its own; a set profile is the tenant’s alone', async () => {
    const api = stack.api.withTenant('profile-a');
    const other = stack.api.withTenant('profile-b');
    const initial = await api.get('/issuer-profile');
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({
      name: 'Balanse',
      url: null,
      image: null,
      custom: false,
      updatedAt: null,
    });

    const profile = {
      name: 'Solsiden sykehjem',
      url: 'https://solsiden.example.no',
      image: 'https://solsiden.example.no/logo.png',
    };
    const set = await api.send('PUT', '/issuer-profile', profile);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ ...profile, custom: true });
    expect((await api.get('/issuer-profile')).body).toEqual(set.body);

    // Set as a whole: an image left out is removed.
    const again = await api.send('PUT', '/issuer-profile', { ...profile, image: undefined });
    expect(again.body).toMatchObject({ name: profile.name, image: null });

    expect((await other.get('/issuer-profile')).body.custom).toBe(false);
  }, 30_000);
});
