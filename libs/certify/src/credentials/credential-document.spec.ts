import { credentialKind, standardCoverage } from './credential-document';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** A standard of 19 outcomes, like the seeded one. */
const STANDARD = Array.from({ length: 19 }, (_, i) => uuid(i + 1));

describe('the credential a decision earns', () => {
  it('is the full one for certified', () => {
    expect(credentialKind('certified')).toBe('full');
  });

  it('is a partial one for partial', () => {
    expect(credentialKind('partial')).toBe('partial');
  });

  it('is none for not_certified', () => {
    expect(credentialKind('not_certified')).toBeNull();
  });
});

describe('how much of the standard a credential covers', () => {
  it('all of it when every outcome was met', () => {
    expect(standardCoverage(STANDARD, STANDARD)).toEqual({
      outcomesMet: 19,
      standardOutcomeCount: 19,
      notYetMetOutcomeIds: [],
    });
  });

  it('2 of 19, listing the 17 not yet met in the standard order', () => {
    const coverage = standardCoverage([STANDARD[4], STANDARD[0]], STANDARD);
    expect(coverage).toMatchObject({ outcomesMet: 2, standardOutcomeCount: 19 });
    expect(coverage.notYetMetOutcomeIds).toEqual(
      STANDARD.filter((id) => id !== STANDARD[0] && id !== STANDARD[4]),
    );
  });

  it('unknown when the standard is (a case from before its outcomes were carried)', () => {
    expect(standardCoverage([STANDARD[0]], [])).toEqual({
      outcomesMet: 1,
      standardOutcomeCount: null,
      notYetMetOutcomeIds: null,
    });
  });
});
