import { parse } from 'csv-parse/sync';
import { toCsv } from './csv';
import { exampleTable } from './example-table.testing';
import { StatTableError } from './stat-table';

describe('toCsv', () => {
  it('writes the hand-checked table: header, a row per cell in row-major order, CRLF', () => {
    expect(toCsv(exampleTable())).toBe(
      [
        'sector,sector_label,region,region_label,count,share,status',
        'health,Helse og omsorg,03,Oslo,42,61.9,',
        'health,Helse og omsorg,42,Agder,,,:',
        'retail,Varehandel,03,Oslo,17,35.3,',
        'retail,Varehandel,42,Agder,9,44.4,',
      ]
        .map((line) => line + '\r\n')
        .join(''),
    );
  });

  it('labels in English when asked', () => {
    const [, first] = parse(toCsv(exampleTable(), 'en')) as string[][];
    expect(first).toEqual(['health', 'Health and care', '03', 'Oslo', '42', '61.9', '']);
  });

  it('keeps every decimal the measure asks for', () => {
    const table = exampleTable();
    table.cells = table.cells.map((c) => ({
      categories: c.categories,
      values: { count: 5, share: 40 },
    }));
    expect(toCsv(table).split('\r\n')[1]).toBe('health,Helse og omsorg,03,Oslo,5,40.0,');
  });

  it('round-trips tricky labels through an RFC 4180 parser, formulas made inert', () => {
    const labels = [
      'Bygg, anlegg og "annet"',
      'Linje én\r\nlinje to\nog tre',
      'Bærum, Ørsta og Ås',
      '=HYPERLINK("http://example.org","klikk")',
      '-2+3',
      '+47',
      '@SUM(A1)',
      '\tinnrykk',
      "'sitat",
    ];
    const table = exampleTable();
    table.dimensions = [
      {
        id: 'place',
        label: { nb: 'sted', en: 'place' },
        categories: labels.map((label, i) => ({ id: `p${i}`, label: { nb: label, en: label } })),
      },
    ];
    table.cells = labels.map((_, i) =>
      i === 2
        ? { categories: { place: `p${i}` }, suppressed: 'employers' as const }
        : { categories: { place: `p${i}` }, values: { count: i, share: i / 3 } },
    );
    const csv = toCsv(table);
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parse(csv, { relax_column_count: false }) as string[][];
    expect(header).toEqual(['place', 'place_label', 'count', 'share', 'status']);
    expect(rows.map((r) => r[1])).toEqual([
      'Bygg, anlegg og "annet"',
      'Linje én\r\nlinje to\nog tre',
      'Bærum, Ørsta og Ås',
      `'=HYPERLINK("http://example.org","klikk")`,
      `'-2+3`,
      `'+47`,
      `'@SUM(A1)`,
      `'\tinnrykk`,
      "'sitat",
    ]);
    expect(rows[2]).toEqual(['p2', 'Bærum, Ørsta og Ås', '', '', ':']);
    expect(rows[1]).toEqual(['p1', 'Linje én\r\nlinje to\nog tre', '1', '0.3', '']);
    // No field starts with a formula character, as spreadsheets would read it.
    expect(rows.flat().filter((field) => /^[=+\-@\t\r]/.test(field))).toEqual([]);
  });

  it('refuses a table whose columns would clash', () => {
    const table = exampleTable();
    table.measures = [{ ...table.measures[0], id: 'sector_label' }];
    table.cells = [];
    expect(() => toCsv(table)).toThrow(StatTableError);
    expect(() => toCsv(table)).toThrow(/column names clash/);
  });
});
