import { checkScope, requireScope } from './scope';

const STANDARD = ['o1', 'o2', 'o3'];

describe('the scope of a case', () => {
  it('takes outcomes of the standard with a self-assessment of those outcomes', () => {
    expect(checkScope(STANDARD, { outcomeIds: ['o1', 'o3'], selfAssessment: { o3: 2 } })).toEqual({
      outcomeIds: ['o1', 'o3'],
      selfAssessment: { o3: 2 },
    });
  });

  it('takes a scope without a self-assessment as an empty one', () => {
    expect(checkScope(STANDARD, { outcomeIds: ['o2'] }).selfAssessment).toEqual({});
  });

  it('takes the whole standard', () => {
    expect(checkScope(STANDARD, { outcomeIds: STANDARD }).outcomeIds).toEqual(STANDARD);
  });

  it('refuses an outcome that is not in the standard, naming its index', () => {
    expect(() => checkScope(STANDARD, { outcomeIds: ['o1', 'x9'] })).toThrow(
      expect.objectContaining({
        status: 422,
        code: 'OUTCOME_NOT_IN_STANDARD',
        details: { outcomeIds: ['x9'] },
        fields: [expect.objectContaining({ field: 'outcomeIds.1' })],
      }),
    );
  });

  it('refuses a self-assessment of an outcome outside the scope, naming its key', () => {
    expect(() =>
      checkScope(STANDARD, { outcomeIds: ['o1'], selfAssessment: { o1: 1, o2: 4 } }),
    ).toThrow(
      expect.objectContaining({
        status: 422,
        code: 'OUTCOME_NOT_IN_SCOPE',
        details: { outcomeIds: ['o2'] },
        fields: [expect.objectContaining({ field: 'selfAssessment.o2' })],
      }),
    );
  });

  it('lets identification complete once the scope names an outcome', () => {
    expect(() => requireScope(['o1'])).not.toThrow();
  });

  it('keeps identification open while the scope is empty', () => {
    expect(() => requireScope([])).toThrow(
      expect.objectContaining({ status: 422, code: 'SCOPE_EMPTY' }),
    );
  });
});
