import type { StatTable } from './stat-table';

/**
 * Two dimensions (sector, region) by two measures, with one cell withheld for having too few
 * cases. Cells are listed out of order on purpose: the exporters put them in row-major order.
 * Hand-checked flat order (sector, region, measure; the last varies fastest):
 *   0 health/03/count 42   1 health/03/share 61.9
 *   2 health/42/count null 3 health/42/share null   (withheld: k)
 *   4 retail/03/count 17   5 retail/03/share 35.3
 *   6 retail/42/count 9    7 retail/42/share 44.4
 */
export function exampleTable(): StatTable {
  return {
    id: 'cases-by-sector-region',
    title: {
      nb: 'Saker etter næring og fylke',
      en: 'Cases by industry and county',
    },
    dimensions: [
      {
        id: 'sector',
        label: { nb: 'næring', en: 'industry' },
        categories: [
          { id: 'health', label: { nb: 'Helse og omsorg', en: 'Health and care' } },
          { id: 'retail', label: { nb: 'Varehandel', en: 'Retail trade' } },
        ],
      },
      {
        id: 'region',
        label: { nb: 'fylke', en: 'county' },
        categories: [
          { id: '03', label: { nb: 'Oslo', en: 'Oslo' } },
          { id: '42', label: { nb: 'Agder', en: 'Agder' } },
        ],
      },
    ],
    measures: [
      { id: 'count', label: { nb: 'Antall saker', en: 'Number of cases' }, unit: { decimals: 0 } },
      {
        id: 'share',
        label: { nb: 'Andel sertifisert', en: 'Share certified' },
        unit: { decimals: 1, label: { nb: 'prosent', en: 'per cent' } },
      },
    ],
    cells: [
      { categories: { sector: 'retail', region: '42' }, values: { count: 9, share: 44.444 } },
      { categories: { sector: 'health', region: '03' }, values: { count: 42, share: 61.9047 } },
      { categories: { sector: 'retail', region: '03' }, values: { count: 17, share: 35.2941 } },
      { categories: { region: '42', sector: 'health' }, suppressed: 'k' },
    ],
    updated: '2026-11-29T06:00:00Z',
    source: { nb: 'Balanse, statistikk', en: 'Balanse, statistics' },
    note: [
      {
        nb: 'Celler med færre enn 5 saker vises ikke.',
        en: 'Cells with fewer than 5 cases are not shown.',
      },
    ],
  };
}
