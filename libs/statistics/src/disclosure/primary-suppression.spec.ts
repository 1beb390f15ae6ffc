import { disclosureRules } from './disclosure-rules';
import { primarySuppressionReason } from './primary-suppression';
import type { TableEntry } from './table';

const withEmployer = disclosureRules();
const ownTenant = disclosureRules({ employerRule: false });

function entry(contributions: Record<string, number>): TableEntry {
  const map = new Map(Object.entries(contributions));
  const count = [...map.values()].reduce((a, b) => a + b, 0);
  return { key: ['x'], count, contributions: map };
}

describe('primarySuppressionReason', () => {
  it('withholds fewer than k cases, and publishes k', () => {
    expect(primarySuppressionReason(entry({ a: 2, b: 1, c: 1 }), withEmployer)).toBe('k');
    expect(primarySuppressionReason(entry({ a: 2, b: 2, c: 1 }), withEmployer)).toBeUndefined();
  });

  it('publishes an empty entry as 0', () => {
    expect(primarySuppressionReason(entry({}), withEmployer)).toBeUndefined();
  });

  it('withholds an entry with fewer than m employers', () => {
    expect(primarySuppressionReason(entry({ a: 5, b: 5 }), withEmployer)).toBe('employers');
  });

  it('withholds an entry one employer dominates, but not one at exactly the share', () => {
    expect(primarySuppressionReason(entry({ a: 9, b: 1, c: 1 }), withEmployer)).toBe('dominance');
    expect(primarySuppressionReason(entry({ a: 8, b: 1, c: 1 }), withEmployer)).toBeUndefined();
  });

  it('names k first when several rules fail', () => {
    expect(primarySuppressionReason(entry({ a: 4 }), withEmployer)).toBe('k');
  });

  it('applies only k to an employer reading its own tenant', () => {
    expect(primarySuppressionReason(entry({ own: 6 }), ownTenant)).toBeUndefined();
    expect(primarySuppressionReason(entry({ own: 4 }), ownTenant)).toBe('k');
  });

  it('follows a configured k, m and share', () => {
    const strict = disclosureRules({ k: 10, minEmployers: 4, dominanceShare: 0.5 });
    expect(primarySuppressionReason(entry({ a: 3, b: 3, c: 3 }), strict)).toBe('k');
    expect(primarySuppressionReason(entry({ a: 4, b: 3, c: 3 }), strict)).toBe('employers');
    expect(primarySuppressionReason(entry({ a: 6, b: 2, c: 2, d: 1 }), strict)).toBe('dominance');
  });
});
