import { type Lang, type StatTable, StatTableError, tableCells } from './stat-table';
import { CONFIDENTIAL, NOT_APPLICABLE } from './status';

/** `header=present` (RFC 4180 section 3): the first row names the columns. */
export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8; header=present';

const CRLF = '\r\n';

/**
 * The table as RFC 4180 CSV, one row per cell in row-major order (the last dimension varies
 * fastest), lines ended by CRLF. Columns: per dimension its id (the category id) and
 * `<id>_label` (the category label in `lang`), then one column per measure id, then `status`.
 * A withheld cell has empty measures and status `:` (see status.ts); a published one an empty
 * status (`.` when a measure does not apply, its column empty). Values are written with their measure's decimals and a decimal point.
 */
export function toCsv(table: StatTable, lang: Lang = 'nb'): string {
  const header = [
    ...table.dimensions.flatMap((d) => [d.id, `${d.id}_label`]),
    ...table.measures.map((m) => m.id),
    'status',
  ];
  if (new Set(header).size !== header.length) {
    throw new StatTableError(`table ${table.id}: CSV column names clash: ${header.join(', ')}`);
  }
  const rows = tableCells(table).map((cell) => [
    ...cell.categories.flatMap((c) => [textField(c.id), textField(c.label[lang])]),
    ...table.measures.map((m, i) =>
      'values' in cell ? (cell.values[i]?.toFixed(m.unit.decimals) ?? '') : '',
    ),
    !('values' in cell) ? CONFIDENTIAL : cell.values.includes(null) ? NOT_APPLICABLE : '',
  ]);
  return [header.map(textField), ...rows].map((row) => row.join(',') + CRLF).join('');
}

/**
 * A text field, safe from formula injection and quoted per RFC 4180. Spreadsheets run a cell
 * that starts with `=`, `+`, `-` or `@` (and some with tab, CR or NUL first) as a formula, so a
 * label such as `=HYPERLINK(...)` would act when a reader opens the file. OWASP's CSV Injection
 * page (and ASVS 5.0, 1.2.10) says to prefix such a field with `'`, which spreadsheets take as
 * "text" and do not show; a program reading the file sees it, and may drop a `'` that comes
 * before one of these characters. Only text is prefixed: the numbers written here are ours,
 * and a negative one must stay a number.
 */
function textField(text: string): string {
  const safe = /^[=+\-@\t\r\0]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
