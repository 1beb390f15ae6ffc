// Test support: small CASE packages written the way publishers write them.
import { uuidV5 } from './case-vocabulary';

export const DOC_ID = 'a1b2c3d4-0000-4000-8000-000000000001';
export const id = (name: string) => uuidV5(`test:${name}`);

export interface TestItem {
  name: string;
  parent?: string;
  sequenceNumber?: unknown;
  [field: string]: unknown;
}

/** A package with one item per entry, `isChildOf` its `parent` (an item name) or the document. */
export function testPackage(
  items: TestItem[],
  extra: { associations?: object[]; document?: object } = {},
) {
  return {
    CFDocument: {
      identifier: DOC_ID,
      uri: `https://publisher.example/uri/${DOC_ID}`,
      creator: 'Virke',
      title: 'Avdelingsleder i helse og omsorg',
      language: 'nb',
      lastChangeDateTime: '2026-05-01T10:00:00Z',
      ...extra.document,
    },
    CFItems: items.map(({ name, parent: _p, sequenceNumber: _s, ...fields }) => ({
      identifier: id(name),
      uri: `https://publisher.example/uri/${id(name)}`,
      fullStatement: `statement ${name}`,
      lastChangeDateTime: '2026-05-01T10:00:00Z',
      ...fields,
    })),
    CFAssociations: [
      ...items.map((item) => ({
        identifier: id(`assoc:${item.name}`),
        uri: `https://publisher.example/uri/${id(`assoc:${item.name}`)}`,
        associationType: 'isChildOf',
        originNodeURI: { title: item.name, identifier: id(item.name), uri: `https://publisher.example/uri/${id(item.name)}` },
        destinationNodeURI: item.parent
          ? { title: item.parent, identifier: id(item.parent), uri: `https://publisher.example/uri/${id(item.parent)}` }
          : { title: 'doc', identifier: DOC_ID, uri: `https://publisher.example/uri/${DOC_ID}` },
        ...(item.sequenceNumber !== undefined ? { sequenceNumber: item.sequenceNumber } : {}),
        lastChangeDateTime: '2026-05-01T10:00:00Z',
      })),
      ...(extra.associations ?? []),
    ],
  }; // prettier-ignore
}
