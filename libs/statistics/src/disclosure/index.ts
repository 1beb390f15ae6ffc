export {
  DEFAULT_DISCLOSURE_RULES,
  type DisclosureRules,
  DisclosureRulesError,
  disclosureRules,
} from './disclosure-rules';
export type { PrimaryReason, SuppressionReason } from './primary-suppression';
export {
  type EntryKind,
  protectTable,
  type ProtectedTable,
  type PublishedEntry,
} from './protect-table';
export type { CellFacts, Dimension, EntryKey, Measures, TableFacts } from './table';
export { TableFactsError } from './table-entries';
