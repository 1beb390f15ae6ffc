import { ApiProperty } from '@nestjs/swagger';
import { EXAMPLE_IDS as ID } from '@balanse/contracts';
import { StandardView } from '../standard.views';

/**
 * CASE 1.1 answers, documented by example: their full schemas are the official ones
 * (`libs/case-exchange/src/schemas/`), which the exports are tested against.
 */

const BASE = 'https://balanse.example/ims/case/v1p1';
const CHANGED = '2025-01-07T08:00:00+00:00';

const DOCUMENT = {
  identifier: ID.standard,
  uri: `${BASE}/CFDocuments/${ID.standard}`,
  creator: 'Virke',
  title: 'Avdelingsleder i helse- og omsorgstjenestene',
  lastChangeDateTime: CHANGED,
  language: 'nb',
  version: '1',
  caseVersion: '1.1',
};
const ITEM = {
  identifier: ID.outcome,
  uri: `${BASE}/CFItems/${ID.outcome}`,
  fullStatement: 'Forstår sammenhenger mellom tjenestekvalitet og organisering av arbeidet.',
  humanCodingScheme: 'FR-1',
  CFItemType: 'Knowledge',
  educationLevel: ['NKR-5'],
  lastChangeDateTime: CHANGED,
};
const ASSOCIATION = {
  identifier: '0b7f3a52-4f63-5c1e-9a57-2f4b6c1d8e90',
  uri: `${BASE}/CFAssociations/0b7f3a52-4f63-5c1e-9a57-2f4b6c1d8e90`,
  associationType: 'isChildOf',
  sequenceNumber: 1,
  originNodeURI: { title: ITEM.fullStatement, identifier: ID.outcome, uri: ITEM.uri },
  destinationNodeURI: { title: DOCUMENT.title, identifier: ID.standard, uri: DOCUMENT.uri },
  lastChangeDateTime: CHANGED,
};
const DOCUMENT_LINK = { title: DOCUMENT.title, identifier: ID.standard, uri: DOCUMENT.uri };

/** A CFPackage: the document, its items and the associations between them. */
export class CFPackageView {
  @ApiProperty({ type: 'object', additionalProperties: true, example: DOCUMENT })
  CFDocument: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object' }, example: [ITEM] })
  CFItems: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, example: [ASSOCIATION] })
  CFAssociations: Record<string, unknown>[];
}

export class CaseWarningView {
  @ApiProperty({
    example: 'TIMESTAMP_WITHOUT_ZONE',
    description:
      'a deviation of the package (e.g. `CASE_1P0_FIELD`, `TIMESTAMP_WITHOUT_ZONE`), or what the model changed or did not store (`LANGUAGE_MISSING`, `LEVEL_FLATTENED`, `NOT_STORED`, …)',
  })
  code: string;
  @ApiProperty({ example: 'CFItems.3.lastChangeDateTime' }) path: string;
  @ApiProperty({ example: 'a time without a zone; read as UTC' }) message: string;
}

export class CaseImportView {
  @ApiProperty({ type: StandardView, description: 'the new standard, version 1, a draft' })
  standard: StandardView;
  @ApiProperty({ type: [CaseWarningView] }) warnings: CaseWarningView[];
}

/** `GET /ims/case/v1p1/CFDocuments`. */
export class CFDocumentsView {
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    example: [
      {
        ...DOCUMENT,
        CFPackageURI: { ...DOCUMENT_LINK, uri: `${BASE}/CFPackages/${ID.standard}` },
      },
    ],
  })
  CFDocuments: Record<string, unknown>[];
}

/** A single CASE object of the binding; schemas in the official CASE 1.1 OpenAPI file. */
export const CASE_OBJECT_EXAMPLES = {
  CFDocument: {
    ...DOCUMENT,
    CFPackageURI: { ...DOCUMENT_LINK, uri: `${BASE}/CFPackages/${ID.standard}` },
  },
  CFItem: { ...ITEM, CFDocumentURI: DOCUMENT_LINK },
  CFAssociation: { ...ASSOCIATION, CFDocumentURI: DOCUMENT_LINK },
};
