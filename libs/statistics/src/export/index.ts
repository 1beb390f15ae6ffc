export {
  type CellCoordinates,
  type Lang,
  type Localized,
  MEASURE_DIMENSION,
  type PublishedCell,
  type StatCategory,
  type StatCell,
  type StatDimension,
  type StatMeasure,
  type StatTable,
  StatTableError,
  SUPPRESSION_REASONS,
  type SuppressedCell,
} from './stat-table';
export { CONFIDENTIAL, NOT_APPLICABLE, REASON_LABELS, STATUS_LABELS } from './status';
export {
  JSON_STAT_MEDIA_TYPE,
  type JsonStatDataset,
  type JsonStatExtension,
  toJsonStat,
} from './jsonstat';
export { CSV_MEDIA_TYPE, toCsv } from './csv';
