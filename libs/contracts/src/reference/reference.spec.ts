import { RecordNeedDto } from '../commands/needs.dto';
import { validatePayload } from '../validation';
import { COUNTIES, isCountyNumber } from './counties';
import { isNaceCode, NACE_CODES, naceSection } from './nace';

describe('NACE Rev. 2', () => {
  const level = (re: RegExp) => [...NACE_CODES].filter((c) => re.test(c)).length;

  it('holds every level: 21 sections, 88 divisions, 272 groups, 615 classes', () => {
    expect([level(/^[A-U]$/), level(/^\d\d$/), level(/^\d\d\.\d$/), level(/^\d\d\.\d\d$/)]).toEqual(
      [21, 88, 272, 615],
    );
  });

  it('knows batteries (27.20) under manufacturing (C)', () => {
    expect(['C', '27', '27.2', '27.20'].every(isNaceCode)).toBe(true);
    expect(naceSection('27.20')).toBe('C');
    expect(naceSection('86.10')).toBe('Q');
  });

  it('refuses codes that do not exist or are written otherwise', () => {
    for (const code of ['V', '04', '27.3.1', '27.21', '2720', '27,20', 'c', ' 27', '27.200', ''])
      expect(isNaceCode(code)).toBe(false);
  });
});

describe('county numbers', () => {
  it('are the 15 in force since 2024', () => {
    expect(Object.keys(COUNTIES).sort()).toEqual([
      '03',
      '11',
      '15',
      '18',
      '31',
      '32',
      '33',
      '34',
      '39',
      '40',
      '42',
      '46',
      '50',
      '55',
      '56',
    ]);
  });

  it('refuse those merged or split away (Viken 30, Vestfold og Telemark 38, Troms og Finnmark 54)', () => {
    for (const n of ['30', '38', '54', '01', '3', '003', '42 '])
      expect(isCountyNumber(n)).toBe(false);
  });
});

describe('a need as recorded', () => {
  const need = (patch: Record<string, unknown>) => ({
    title: 'Operators',
    standardId: '25a56db1-71c1-5814-9288-3f646c3fe4db',
    people: { min: 7000, max: 7000 },
    sector: '27.20',
    neededBy: '2030-12-31',
    ...patch,
  });
  const fieldsOf = (patch: Record<string, unknown>) => {
    try {
      validatePayload(RecordNeedDto, need(patch));
      return [];
    } catch (err) {
      return (err as { fields: Array<{ field: string }> }).fields.map((f) => f.field);
    }
  };

  it('takes the battery need', () => {
    expect(fieldsOf({ skilledWorkerShare: { min: 50, max: 80 }, region: '42' })).toEqual([]);
  });

  it('takes a share without a number of people, and refuses neither', () => {
    expect(fieldsOf({ people: undefined, skilledWorkerShare: { min: 50, max: 80 } })).toEqual([]);
    expect(fieldsOf({ people: undefined })).toEqual(['people']);
  });

  it('refuses a range whose min exceeds its max, naming max', () => {
    expect(fieldsOf({ people: { min: 80, max: 50 } })).toEqual(['people.max']);
    expect(fieldsOf({ skilledWorkerShare: { min: 90, max: 10 } })).toEqual([
      'skilledWorkerShare.max',
    ]);
  });

  it('refuses a share over 100 %, a bad NACE code, county and date', () => {
    expect(fieldsOf({ skilledWorkerShare: { min: 50, max: 180 } })).toEqual([
      'skilledWorkerShare.max',
    ]);
    expect(fieldsOf({ sector: '27.21' })).toEqual(['sector']);
    expect(fieldsOf({ region: '30' })).toEqual(['region']);
    expect(fieldsOf({ neededBy: '2030-02-30' })).toEqual(['neededBy']);
  });
});
