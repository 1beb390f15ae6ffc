import { DomainError } from '@balanse/contracts';
import { idempotencyClaim } from './idempotency';

const request = (over: Partial<Parameters<typeof idempotencyClaim>[0]> = {}) => ({
  method: 'POST',
  path: '/api/v1/cases',
  headers: { 'idempotency-key': 'k-1' } as Record<string, unknown>,
  body: { standardId: 's', candidate: { externalId: 'e', name: 'n' } },
  ...over,
});

describe('idempotencyClaim', () => {
  it('is nothing without the header', () => {
    expect(idempotencyClaim(request({ headers: {} }), 't')).toBeUndefined();
  });

  it('hashes the same request the same, whatever the order of its keys or the case of its path', () => {
    const a = idempotencyClaim(request(), 't')!;
    const b = idempotencyClaim(
      request({
        path: '/API/v1/Cases',
        body: { candidate: { name: 'n', externalId: 'e' }, standardId: 's' },
      }),
      't',
    )!;
    expect(a).toEqual(b);
    expect(a.key).toBe('k-1');
    expect(a.requestHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes another body, path, method or tenant differently', () => {
    const hash = (over: Partial<Parameters<typeof idempotencyClaim>[0]>, tenant = 't') =>
      idempotencyClaim(request(over), tenant)!.requestHash;
    const base = hash({});
    expect(hash({ body: { standardId: 's2' } })).not.toBe(base);
    expect(hash({ path: '/api/v1/standards' })).not.toBe(base);
    expect(hash({ method: 'PUT' })).not.toBe(base);
    expect(hash({}, 'other')).not.toBe(base);
  });

  it('hashes a body nested deeper than any contract without exhausting the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(idempotencyClaim(request({ body: { title: deep } }), 't')!.requestHash).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it.each(['', 'a b', 'k'.repeat(256), 'nøkkel', ['a', 'b']])(
    'refuses the key %j with 400 naming header.idempotency-key',
    (key) => {
      let error: unknown;
      try {
        idempotencyClaim(request({ headers: { 'idempotency-key': key } }), 't');
      } catch (err) {
        error = err;
      }
      expect((error as DomainError).toBody()).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        fields: [{ field: 'header.idempotency-key' }],
      });
    },
  );
});
