/**
 * The CASE 1.1 package as this library writes it (1EdTech CASE Service 1.1, REST/JSON binding):
 * only what the exporter sets is typed; the schemas in `schemas/` are the full definition.
 */

export interface LinkUri {
  title: string;
  identifier: string;
  uri: string;
}

export interface LinkGenUri extends LinkUri {
  targetType?: string;
}

export type CaseExtensions = Record<string, unknown>;

export interface CFDocument {
  identifier: string;
  uri: string;
  creator: string;
  title: string;
  lastChangeDateTime: string;
  caseVersion?: '1.1';
  language?: string;
  version?: string;
  description?: string;
  publisher?: string;
  extensions?: CaseExtensions;
  [kept: string]: unknown;
}

export interface CFItem {
  identifier: string;
  uri: string;
  fullStatement: string;
  lastChangeDateTime: string;
  humanCodingScheme?: string;
  CFItemType?: string;
  language?: string;
  notes?: string;
  educationLevel?: string[];
  extensions?: CaseExtensions;
  [kept: string]: unknown;
}

export interface CFAssociation {
  identifier: string;
  uri: string;
  associationType: string;
  originNodeURI: LinkGenUri;
  destinationNodeURI: LinkGenUri;
  lastChangeDateTime: string;
  sequenceNumber?: number;
  [kept: string]: unknown;
}

export interface CFPackage {
  CFDocument: CFDocument;
  CFItems: CFItem[];
  CFAssociations: CFAssociation[];
  CFDefinitions?: Record<string, unknown>;
  CFRubrics?: unknown[];
  extensions?: CaseExtensions;
}
