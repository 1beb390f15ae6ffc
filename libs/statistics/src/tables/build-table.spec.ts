import { DomainError, type StatisticsQueryDto } from '@balanse/contracts';
import { disclosureRules } from '../disclosure';
import { buildTable, type TableInput } from './build-table';
import { tablePlan } from './table-query';
import { MAX_CELLS, TABLES } from './table-specs';
import type { CellRow } from './table-rollups';

const months = Array.from(
  { length: 80 },
  (_, i) => `20${20 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
);
const sectors = Array.from({ length: 80 }, (_, i) => String(10 + i));

function input(cells: CellRow[]): TableInput {
  return { cells, sums: [], standards: [], outcomes: [], needs: [], rolledAt: null };
}

describe('buildTable', () => {
  it(`refuses a table of more than ${MAX_CELLS} cells, totals included, naming by`, () => {
    // 80 months × 80 sectors: 81 × 81 = 6,561 cells with the totals.
    const cells = months.flatMap((month) =>
      sectors.map((sector) => ({ key: [month, sector], contributions: new Map([['t', 1]]) })),
    );
    const plan = tablePlan(TABLES.cases, { by: 'month,sector' } as StatisticsQueryDto, 't');
    try {
      buildTable(plan, input(cells), disclosureRules());
      throw new Error('not refused');
    } catch (err) {
      expect((err as DomainError).toBody()).toEqual({
        status: 400,
        code: 'TABLE_TOO_LARGE',
        message: `the table would have 6561 cells; the limit is ${MAX_CELLS}`,
        details: { cells: 6561, limit: MAX_CELLS },
        fields: [{ field: 'by', message: expect.stringContaining('fewer dimensions') }],
      });
    }
  });

  it('labels unknown values and keeps them last', () => {
    const plan = tablePlan(TABLES.cases, { by: 'region' } as StatisticsQueryDto, 't');
    const cells = [
      { key: [''], contributions: new Map([['a', 1]]) },
      { key: ['42'], contributions: new Map([['b', 1]]) },
    ];
    const { table } = buildTable(plan, input(cells), disclosureRules());
    expect(table.dimensions[0].categories).toEqual([
      { id: '42', label: { nb: 'Agder', en: 'Agder' } },
      { id: 'unknown', label: { nb: 'Ukjent', en: 'Unknown' } },
      { id: 'total', label: { nb: 'I alt', en: 'Total' } },
    ]);
  });
});
