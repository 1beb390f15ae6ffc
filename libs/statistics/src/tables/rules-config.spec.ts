import { ConfigError } from '@balanse/runtime';
import { statisticsRulesFromEnv } from './rules-config';

describe('statisticsRulesFromEnv', () => {
  it('defaults to k = 5, 3 employers, 80 %', () => {
    expect(statisticsRulesFromEnv({}).rules).toEqual({
      k: 5,
      minEmployers: 3,
      dominanceShare: 0.8,
      employerRule: true,
    });
  });

  it('reads the environment', () => {
    const env = { STATISTICS_K: '10', STATISTICS_MIN_EMPLOYERS: '4', STATISTICS_DOMINANCE: '0.6' };
    expect(statisticsRulesFromEnv(env).rules).toMatchObject({
      k: 10,
      minEmployers: 4,
      dominanceShare: 0.6,
    });
  });

  it('names every bad value', () => {
    const env = {
      STATISTICS_K: 'five',
      STATISTICS_MIN_EMPLOYERS: '0',
      STATISTICS_DOMINANCE: '1.5',
    };
    expect(() => statisticsRulesFromEnv(env)).toThrow(ConfigError);
    expect(() => statisticsRulesFromEnv(env)).toThrow(
      /STATISTICS_K: k must.*\n.*STATISTICS_MIN_EMPLOYERS: minEmployers must.*\n.*STATISTICS_DOMINANCE: dominanceShare/,
    );
  });

  it('keeps 32 answers unless told otherwise, and refuses a bad count', () => {
    expect(statisticsRulesFromEnv({}).answersKept).toBe(32);
    expect(statisticsRulesFromEnv({ STATISTICS_ANSWERS_KEPT: '0' }).answersKept).toBe(0);
    expect(() => statisticsRulesFromEnv({ STATISTICS_ANSWERS_KEPT: '-1' })).toThrow(
      /STATISTICS_ANSWERS_KEPT: must be a whole number/,
    );
  });
});
