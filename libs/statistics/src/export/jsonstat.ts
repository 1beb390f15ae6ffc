import {
  type Lang,
  MEASURE_DIMENSION,
  type StatTable,
  type SuppressionReason,
  tableCells,
} from './stat-table';
import { CONFIDENTIAL, labelsIn, NOT_APPLICABLE, REASON_LABELS, STATUS_LABELS } from './status';

/** The media type of JSON-stat, as national statistics offices serve it. */
export const JSON_STAT_MEDIA_TYPE = 'application/json+stat';

export interface JsonStatCategory {
  index: string[];
  label: Record<string, string>;
  unit?: Record<string, { decimals: number; label?: string }>;
}

export interface JsonStatDimension {
  label: string;
  category: JsonStatCategory;
}

/** A JSON-stat 2.0 dataset (https://json-stat.org/format/), the parts this exporter writes. */
export interface JsonStatDataset {
  version: '2.0';
  class: 'dataset';
  label: string;
  source: string;
  updated: string;
  note?: string[];
  id: string[];
  size: number[];
  role: { metric: string[] };
  dimension: Record<string, JsonStatDimension>;
  value: (number | null)[];
  /** Flat index (as a string) of each withheld value to its symbol; absent when none is. */
  status?: Record<string, string>;
  extension: JsonStatExtension;
}

/**
 * What JSON-stat leaves to the provider. `status.label` explains the symbols in the shape
 * Eurostat uses (and jsonstat-euro reads); `suppression.reason` gives, per withheld index, the
 * disclosure rule that withheld it, and `suppression.label` what each rule means.
 */
export interface JsonStatExtension {
  lang: Lang;
  tableId: string;
  status: { label: Record<string, string> };
  suppression: {
    reason: Record<string, SuppressionReason>;
    label: Record<SuppressionReason, string>;
  };
}

/**
 * The table as a JSON-stat 2.0 dataset with labels in one language. JSON-stat has no
 * multilingual labels, so a document holds one language, as at SSB and Eurostat: a client asks
 * for the other with `?lang=en` (or `Accept-Language: en`), and the HTTP layer passes it here;
 * `extension.lang` says which one a document holds.
 *
 * The measures form the last dimension (`measure`, role `metric`, with each one's unit), so a
 * cell's measures sit next to each other in `value`, which is row-major: the last dimension
 * varies fastest. A withheld cell is `null` in every measure, with status `:`; a measure that does
 * not apply (no cases) is `null` with status `.`.
 */
export function toJsonStat(table: StatTable, lang: Lang = 'nb'): JsonStatDataset {
  const cells = tableCells(table);
  const measures = table.measures;
  const value: (number | null)[] = [];
  const status: Record<string, string> = {};
  const reason: Record<string, SuppressionReason> = {};
  for (const cell of cells) {
    if ('values' in cell) {
      for (const v of cell.values) {
        if (v === null) status[String(value.length)] = NOT_APPLICABLE;
        value.push(v);
      }
      continue;
    }
    for (let m = 0; m < measures.length; m++) {
      const index = String(value.length);
      status[index] = CONFIDENTIAL;
      reason[index] = cell.suppressed;
      value.push(null);
    }
  }
  const dimension: Record<string, JsonStatDimension> = {};
  for (const dim of table.dimensions) {
    dimension[dim.id] = {
      label: dim.label[lang],
      category: {
        index: dim.categories.map((c) => c.id),
        label: Object.fromEntries(dim.categories.map((c) => [c.id, c.label[lang]])),
      },
    };
  }
  dimension[MEASURE_DIMENSION] = {
    label: lang === 'nb' ? 'statistikkvariabel' : 'contents',
    category: {
      index: measures.map((m) => m.id),
      label: Object.fromEntries(measures.map((m) => [m.id, m.label[lang]])),
      unit: Object.fromEntries(
        measures.map((m) => [
          m.id,
          m.unit.label
            ? { decimals: m.unit.decimals, label: m.unit.label[lang] }
            : { decimals: m.unit.decimals },
        ]),
      ),
    },
  };
  return {
    version: '2.0',
    class: 'dataset',
    label: table.title[lang],
    source: table.source[lang],
    updated: table.updated,
    ...(table.note?.length ? { note: table.note.map((n) => n[lang]) } : {}),
    id: [...table.dimensions.map((d) => d.id), MEASURE_DIMENSION],
    size: [...table.dimensions.map((d) => d.categories.length), measures.length],
    role: { metric: [MEASURE_DIMENSION] },
    dimension,
    value,
    ...(Object.keys(status).length ? { status } : {}),
    extension: {
      lang,
      tableId: table.id,
      status: { label: labelsIn(STATUS_LABELS, lang) },
      suppression: { reason, label: labelsIn(REASON_LABELS, lang) },
    },
  };
}
