import { AddEvidenceDto, CreateStandardDto, SetScopeDto } from './commands';
import { DomainError, type FieldError } from './errors';
import { MAX_ARRAY_ENTRIES, MAX_FIELD_ERRORS, validatePayload } from './validation';

const A = '198b35dd-846c-5f9a-b587-413463de7852';
const B = 'fd7a7d91-c790-5cd4-b184-26b7fab68258';

function fields(cls: new () => object, body: unknown): FieldError[] {
  try {
    validatePayload(cls, body);
  } catch (err) {
    if (err instanceof DomainError) return err.fields ?? [];
    throw err;
  }
  return [];
}

describe('validation names the offending entry of a map or a list', () => {
  it.each([
    [
      'a rating out of range',
      `selfAssessment.${A}`,
      { outcomeIds: [A], selfAssessment: { [A]: 7 } },
    ],
    [
      'a rating that is a string',
      `selfAssessment.${A}`,
      { outcomeIds: [A], selfAssessment: { [A]: '3' } },
    ],
    [
      'a key that is not an id',
      'selfAssessment.FR-1',
      { outcomeIds: [A], selfAssessment: { 'FR-1': 3 } },
    ],
    ['a map that is an array', 'selfAssessment', { outcomeIds: [A], selfAssessment: [3] }],
    ['an id that is not a UUID', 'outcomeIds.1', { outcomeIds: [A, 'FR-1'] }],
    ['an id that is a number', 'outcomeIds.0', { outcomeIds: [7] }],
    ['an id given twice', 'outcomeIds.2', { outcomeIds: [A, B, A.toUpperCase()] }],
    ['an empty list', 'outcomeIds', { outcomeIds: [] }],
    ['a list that is a string', 'outcomeIds', { outcomeIds: A }],
  ])('scope: %s → %s', (_, field, body) => {
    const found = fields(SetScopeDto, body);
    expect(found.map((f) => f.field)).toEqual([field]);
  });

  it('names each bad entry once, with what is wrong', () => {
    expect(
      fields(SetScopeDto, { outcomeIds: [A, B], selfAssessment: { [A]: 5, [B]: -1 } }),
    ).toEqual([
      { field: `selfAssessment.${A}`, message: 'must be an integer 0-4' },
      { field: `selfAssessment.${B}`, message: 'must be an integer 0-4' },
    ]);
  });

  it('names the bad task of evidence', () => {
    const body = { kind: 'log', title: 'Log', outcomeIds: [A], tasks: ['ok', 5, 'x'.repeat(501)] };
    expect(fields(AddEvidenceDto, body).map((f) => f.field)).toEqual(['tasks.1', 'tasks.2']);
  });

  it('takes ids in upper case as the same ids, and leaves other text as sent', () => {
    const dto = validatePayload(SetScopeDto, {
      outcomeIds: [A.toUpperCase()],
      selfAssessment: { [A.toUpperCase()]: 2 },
    });
    expect(dto).toMatchObject({ outcomeIds: [A], selfAssessment: { [A]: 2 } });
  });
});

describe('validation of very long lists', () => {
  it('refuses a list longer than any contract takes before validating its entries', () => {
    const started = performance.now();
    const found = fields(CreateStandardDto, {
      code: 'long',
      title: { nb: 'T', en: 'T' },
      owner: { name: 'O' },
      clusters: Array(200_000).fill({}),
    });
    expect(found).toEqual([
      { field: 'clusters', message: `must have at most ${MAX_ARRAY_ENTRIES} entries` },
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('names at most 100 fields and counts the rest', () => {
    try {
      validatePayload(SetScopeDto, { outcomeIds: Array(1000).fill('x') });
      throw new Error('not refused');
    } catch (err) {
      const e = err as DomainError;
      expect(e.fields).toHaveLength(MAX_FIELD_ERRORS);
      expect(e.details).toEqual({ fieldsLeftOut: 900 });
      expect(e.message).toMatch(/ and 900 more$/);
    }
  });
});
