import { budgetedPage, keysetAfter, PAGE_BYTE_BUDGET } from './page-budget';
import { decodeCursor, encodeCursor } from './paging';
import { validatePayload } from './validation';
import {
  CreateStandardDto,
  MAX_AREA_DEPTH,
  MAX_OUTCOMES_PER_STANDARD,
} from './commands/identify.dto';
import { DomainError } from './errors';

const rows = (n: number, size = 10) =>
  Array.from({ length: n }, (_, i) => ({ id: `r${i}`, text: 'x'.repeat(size) }));
const key = (r: { id: string }) => [r.id];
const same = <T>(r: T) => r;

describe('budgetedPage', () => {
  it('answers `limit` items and a cursor to the next when a row more was fetched', () => {
    const page = budgetedPage('l', rows(4), 3, key, same);
    expect(page.items.map((r) => r.id)).toEqual(['r0', 'r1', 'r2']);
    expect(page.hasMore).toBe(true);
    expect(decodeCursor('l', page.nextCursor!, 1)).toEqual(['r2']);
  });

  it('ends the list without a cursor when no row more was fetched', () => {
    expect(budgetedPage('l', rows(3), 3, key, same)).toMatchObject({
      hasMore: false,
      nextCursor: null,
    });
    expect(budgetedPage('l', [], 3, key, same)).toEqual({
      items: [],
      hasMore: false,
      nextCursor: null,
    });
  });

  it('stops before the item that would take the page past the byte budget', () => {
    const big = rows(10, 200 * 1024);
    const page = budgetedPage('l', big, 100, key, same);
    expect(page.items.map((r) => r.id)).toEqual(['r0', 'r1']);
    expect(page.hasMore).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThan(PAGE_BYTE_BUDGET + 1024);
    expect(decodeCursor('l', page.nextCursor!, 1)).toEqual(['r1']);
  });

  it('answers one item even when it alone is over the budget, so paging goes on', () => {
    const page = budgetedPage('l', rows(2, 600 * 1024), 100, key, same);
    expect(page.items).toHaveLength(1);
    expect(page.hasMore).toBe(true);
  });
});

describe('keysetAfter', () => {
  const query = (cursor?: string) => ({ cursor });

  it('is null without a cursor, the key parts with one of this list', () => {
    expect(keysetAfter('l', undefined, ['micros', 'uuid'])).toBeNull();
    const id = '3b0c2f8e-5f1a-4c7e-9d7a-1e2f3a4b5c6d';
    const cursor = encodeCursor('l', ['1741003790020000', id]);
    expect(keysetAfter('l', query(cursor), ['micros', 'uuid'])).toEqual(['1741003790020000', id]);
  });

  it.each([
    ['another list', encodeCursor('m', ['1', '3b0c2f8e-5f1a-4c7e-9d7a-1e2f3a4b5c6d'])],
    [
      'a timestamp that is not microseconds',
      encodeCursor('l', ['2025-01-01', '3b0c2f8e-5f1a-4c7e-9d7a-1e2f3a4b5c6d']),
    ],
    ['an id that is not a UUID', encodeCursor('l', ['1', "x' OR 1=1"])],
    [
      'a number where text is expected',
      encodeCursor('l', [1, '3b0c2f8e-5f1a-4c7e-9d7a-1e2f3a4b5c6d']),
    ],
    ['too few parts', encodeCursor('l', ['1'])],
  ])('refuses %s with 400 INVALID_CURSOR naming `cursor`', (_, cursor) => {
    let error: unknown;
    try {
      keysetAfter('l', query(cursor), ['micros', 'uuid']);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).toBody()).toMatchObject({
      status: 400,
      code: 'INVALID_CURSOR',
      fields: [{ field: 'cursor' }],
    });
  });
});

describe('a standard is bounded as a whole', () => {
  const both = (text: string) => ({ nb: text, en: text });
  const standard = (areas: number, perArea: number, statement = 'Can plan.') => ({
    code: 'bounded',
    title: both('Bounded'),
    owner: { name: 'Employer' },
    clusters: [
      {
        title: both('C'),
        areas: Array.from({ length: areas }, (_, a) => ({
          title: both(`A${a}`),
          outcomes: Array.from({ length: perArea }, () => ({
            statement: both(statement),
            category: 'skills',
          })),
        })),
      },
    ],
  });
  const fieldsOf = (body: unknown) => {
    try {
      validatePayload(CreateStandardDto, body);
      return [];
    } catch (err) {
      return (err as DomainError).fields ?? [];
    }
  };

  it(`takes ${MAX_OUTCOMES_PER_STANDARD} outcomes, refuses one more on \`clusters\``, () => {
    const full = standard(25, 1000);
    expect(fieldsOf(full)).toEqual([]);
    full.clusters[0].areas.push(standard(1, 1).clusters[0].areas[0]);
    expect(fieldsOf(full)).toEqual([
      { field: 'clusters', message: 'a standard holds at most 25000 learning outcomes in all' },
    ]);
  });

  it('refuses clusters over 48 MB of JSON, however few the outcomes', () => {
    expect(fieldsOf(standard(7, 2000, 'p'.repeat(2000)))).toEqual([
      { field: 'clusters', message: 'clusters must encode to at most 48 MB of JSON' },
    ]);
  });

  it(`takes areas ${MAX_AREA_DEPTH} levels deep, refuses one more on \`clusters\``, () => {
    const nested = (levels: number): Record<string, unknown> =>
      levels === 1
        ? { title: both('A'), outcomes: [{ statement: both('S'), category: 'skills' }] }
        : { title: both('A'), areas: [nested(levels - 1)] };
    const deep = (levels: number) => ({ ...standard(1, 1), clusters: [{ title: both('C'), areas: [nested(levels)] }] }); // prettier-ignore
    expect(fieldsOf(deep(MAX_AREA_DEPTH))).toEqual([]);
    expect(fieldsOf(deep(MAX_AREA_DEPTH + 1))).toEqual([
      { field: 'clusters', message: `areas nest at most ${MAX_AREA_DEPTH} levels deep` },
    ]);
  });

  it('refuses an area with neither outcomes nor areas', () => {
    const body = { ...standard(1, 1), clusters: [{ title: both('C'), areas: [{ title: both('A') }] }] }; // prettier-ignore
    expect(fieldsOf(body)).toEqual([
      { field: 'clusters.0.areas.0.outcomes', message: 'an area needs at least one learning outcome or area' },
    ]); // prettier-ignore
  });
});
