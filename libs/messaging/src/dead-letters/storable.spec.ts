import { INVALID_TENANT, storableLetter } from './storable';

describe('storableLetter', () => {
  it('keeps a valid id and tenant, and replaces what PostgreSQL cannot store', () => {
    const parsed = JSON.parse(
      '{"id":"6F1C3A52-52A4-4B39-9DF4-0B5C2E0D5A11","tenantid":"acme","data":{"a\\u0000":"x\\ud800y","__proto__":{"p":1}}}',
    );
    const letter = storableLetter(parsed, '');
    expect(letter.eventId).toBe('6f1c3a52-52a4-4b39-9df4-0b5c2e0d5a11');
    expect(letter.tenantId).toBe('acme');
    expect(JSON.stringify(letter.envelope)).toBe(
      '{"id":"6F1C3A52-52A4-4B39-9DF4-0B5C2E0D5A11","tenantid":"acme","data":{"a\uFFFD":"x\uFFFDy","__proto__":{"p":1}}}',
    );
  });

  it('keeps no id that is not a UUID, and no tenant that is not a tenant name', () => {
    expect(storableLetter({ id: 'x', tenantid: 'A\u0000' }, '')).toMatchObject({
      eventId: null,
      tenantId: INVALID_TENANT,
    });
  });

  it('keeps the head of text that is not JSON, and cuts deep nesting without recursion', () => {
    const text = `\u0000${'x'.repeat(5000)}`;
    expect(storableLetter(undefined, text).envelope).toEqual({
      unparseable: `\uFFFD${'x'.repeat(1999)}`,
      length: 5001,
    });
    const deep = JSON.parse(`{"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const copy = JSON.stringify(storableLetter(deep, '').envelope);
    expect(copy).toContain('(nested too deep)');
    expect(copy.length).toBeLessThan(200);
  });
});
