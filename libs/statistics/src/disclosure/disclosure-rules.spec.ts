import {
  DEFAULT_DISCLOSURE_RULES,
  DisclosureRulesError,
  disclosureRules,
} from './disclosure-rules';

describe('disclosureRules', () => {
  it('defaults to k = 5, three employers, 80 % dominance and the employer rule on', () => {
    expect(disclosureRules()).toEqual({
      k: 5,
      minEmployers: 3,
      dominanceShare: 0.8,
      employerRule: true,
    });
    expect(DEFAULT_DISCLOSURE_RULES).toEqual(disclosureRules());
  });

  it('takes overrides', () => {
    expect(disclosureRules({ k: 10, employerRule: false })).toMatchObject({
      k: 10,
      minEmployers: 3,
      employerRule: false,
    });
  });

  it('names every bad value', () => {
    const attempt = () =>
      disclosureRules({ k: 0, minEmployers: 2.5, dominanceShare: 1.2, employerRule: undefined });
    expect(attempt).toThrow(DisclosureRulesError);
    try {
      attempt();
    } catch (error) {
      expect((error as DisclosureRulesError).problems).toEqual([
        'k must be a whole number of at least 1, got 0',
        'minEmployers must be a whole number of at least 1, got 2.5',
        'dominanceShare must be above 0 and at most 1, got 1.2',
        'employerRule must be true or false, got undefined',
      ]);
    }
  });

  it('rejects a share of 0 and a k that is not a number', () => {
    expect(() => disclosureRules({ dominanceShare: 0 })).toThrow(/dominanceShare/);
    expect(() => disclosureRules({ k: Number.NaN })).toThrow(/k must be/);
  });
});
