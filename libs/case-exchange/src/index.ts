export * from './standard-document';
export * from './cfpackage';
export { importCasePackage, type CaseImport, type ImportOptions } from './import-case-package';
export { exportCasePackage, caseIdentifier, type ExportOptions } from './export-case-package';
export type { ImportWarning, WarningCode } from './lenient-reader';
export { readCasePackageStream, CASE_IMPORT_LIMIT_BYTES } from './read-case-stream';
export * from './case-rest';
export { caseUri, type CaseCollection } from './case-uris';
