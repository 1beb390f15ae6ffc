import { afterDecision, hasReached, phaseAfter, previousPhase } from './lifecycle';

describe('the case lifecycle', () => {
  it('runs identify → document → assess → certify → completed', () => {
    expect(phaseAfter('identify')).toBe('document');
    expect(phaseAfter('document')).toBe('assess');
    expect(phaseAfter('assess')).toBe('certify');
    expect(phaseAfter('certify')).toBe('completed');
    expect(previousPhase('assess')).toBe('document');
    expect(previousPhase('identify')).toBeUndefined();
  });

  it('tells whether a case has reached a phase', () => {
    expect(hasReached('assess', 'document')).toBe(true);
    expect(hasReached('document', 'document')).toBe(true);
    expect(hasReached('identify', 'document')).toBe(false);
    expect(hasReached('completed', 'certify')).toBe(true);
  });

  it('ends a case at the decision when nothing was met, else goes on to certify', () => {
    expect(afterDecision('not_certified')).toEqual({ phase: 'completed', result: 'not_certified' });
    expect(afterDecision('partial')).toEqual({ phase: 'certify', result: null });
    expect(afterDecision('certified')).toEqual({ phase: 'certify', result: null });
  });
});
