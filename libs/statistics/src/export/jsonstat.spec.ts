// jsonstat-toolkit 2.x ships CommonJS (main.cjs) beside its ESM build, so jest loads it
// without a transform.
import JSONstat from 'jsonstat-toolkit';
import { exampleTable } from './example-table.testing';
import { toJsonStat } from './jsonstat';
import { StatTableError } from './stat-table';

describe('toJsonStat', () => {
  it('writes the hand-checked dataset, in bokmål by default', () => {
    expect(toJsonStat(exampleTable())).toEqual({
      version: '2.0',
      class: 'dataset',
      label: 'Saker etter næring og fylke',
      source: 'Balanse, statistikk',
      updated: '2026-11-29T06:00:00Z',
      note: ['Celler med færre enn 5 saker vises ikke.'],
      id: ['sector', 'region', 'measure'],
      size: [2, 2, 2],
      role: { metric: ['measure'] },
      dimension: {
        sector: {
          label: 'næring',
          category: {
            index: ['health', 'retail'],
            label: { health: 'Helse og omsorg', retail: 'Varehandel' },
          },
        },
        region: {
          label: 'fylke',
          category: { index: ['03', '42'], label: { '03': 'Oslo', '42': 'Agder' } },
        },
        measure: {
          label: 'statistikkvariabel',
          category: {
            index: ['count', 'share'],
            label: { count: 'Antall saker', share: 'Andel sertifisert' },
            unit: { count: { decimals: 0 }, share: { decimals: 1, label: 'prosent' } },
          },
        },
      },
      value: [42, 61.9, null, null, 17, 35.3, 9, 44.4],
      status: { '2': ':', '3': ':' },
      extension: {
        lang: 'nb',
        tableId: 'cases-by-sector-region',
        status: {
          label: {
            ':': 'Vises ikke av konfidensialitetshensyn',
            '.': 'Ikke mulig å oppgi tall (ingen saker å regne av)',
          },
        },
        suppression: {
          reason: { '2': 'k', '3': 'k' },
          label: {
            k: 'For få saker i cellen',
            employers: 'Sakene kommer fra for få arbeidsgivere',
            dominance: 'Én arbeidsgiver står for en for stor del av sakene',
            secondary:
              'Skjult for at en annen skjult celle ikke skal kunne regnes ut (sekundær prikking)',
          },
        },
      },
    });
  });

  it('writes English labels when asked, with the same values and ids', () => {
    const nb = toJsonStat(exampleTable(), 'nb');
    const en = toJsonStat(exampleTable(), 'en');
    expect(en.label).toBe('Cases by industry and county');
    expect(en.dimension.sector.category.label).toEqual({
      health: 'Health and care',
      retail: 'Retail trade',
    });
    expect(en.dimension.measure.category.unit!.share).toEqual({ decimals: 1, label: 'per cent' });
    expect(en.extension.status.label[':']).toMatch(/^Confidential/);
    expect(en.extension.lang).toBe('en');
    expect([en.id, en.size, en.value, en.status]).toEqual([nb.id, nb.size, nb.value, nb.status]);
  });

  it('leaves out status and note when there are none', () => {
    const table = exampleTable();
    table.cells = table.cells.map((c) => ({
      categories: c.categories,
      values: { count: 5, share: 1 },
    }));
    table.note = undefined;
    const dataset = toJsonStat(table);
    expect(dataset.status).toBeUndefined();
    expect(dataset.note).toBeUndefined();
    expect(dataset.extension.suppression.reason).toEqual({});
  });

  it('reads back through jsonstat-toolkit: values, nulls, status and labels', () => {
    const dataset = JSONstat(JSON.parse(JSON.stringify(toJsonStat(exampleTable(), 'en'))));
    expect(dataset.class).toBe('dataset');
    expect(dataset.label).toBe('Cases by industry and county');
    expect(dataset.updated).toBe('2026-11-29T06:00:00Z');
    expect(dataset.n).toBe(8);
    expect(dataset.Data({ sector: 'health', region: '03', measure: 'count' })).toEqual({
      value: 42,
      status: null,
    });
    expect(dataset.Data({ sector: 'retail', region: '42', measure: 'share' })!.value).toBe(44.4);
    expect(dataset.Data({ sector: 'health', region: '42', measure: 'share' })).toEqual({
      value: null,
      status: ':',
    });
    expect(dataset.Dimension('sector')!.label).toBe('industry');
    expect(dataset.Dimension('region')!.Category('42')!.label).toBe('Agder');
    const measure = dataset.Dimension('measure')!;
    expect(measure.role).toBe('metric');
    expect(measure.Category('share')!.unit).toEqual({ decimals: 1, label: 'per cent' });
    expect(dataset.extension).toMatchObject({ suppression: { reason: { '2': 'k', '3': 'k' } } });
  });

  it.each([
    [
      'a missing cell',
      (t: ReturnType<typeof exampleTable>) => {
        t.cells = t.cells.slice(1);
      },
      /lacks cell retail\/42/,
    ],
    [
      'a cell given twice',
      (t: ReturnType<typeof exampleTable>) => {
        t.cells = [...t.cells, t.cells[0]];
      },
      /appears twice/,
    ],
    [
      'an unknown category',
      (t: ReturnType<typeof exampleTable>) => {
        t.cells = [{ categories: { sector: 'mining', region: '03' }, suppressed: 'k' }];
      },
      /unknown one/,
    ],
    [
      'a missing measure',
      (t: ReturnType<typeof exampleTable>) => {
        t.cells = [{ categories: { sector: 'health', region: '03' }, values: { count: 1 } }];
      },
      /lacks a finite share/,
    ],
    [
      'a measure named like a dimension',
      (t: ReturnType<typeof exampleTable>) => {
        t.measures = [{ ...t.measures[0], id: 'region' }];
      },
      /must be unique/,
    ],
    [
      'an unknown suppression reason',
      (t: ReturnType<typeof exampleTable>) => {
        t.cells = [{ categories: { sector: 'health', region: '03' }, suppressed: 'small' as 'k' }];
      },
      /unknown reason small/,
    ],
  ])('refuses %s', (_, spoil, message) => {
    const table = exampleTable();
    spoil(table);
    expect(() => toJsonStat(table)).toThrow(StatTableError);
    expect(() => toJsonStat(table)).toThrow(message);
  });
});
