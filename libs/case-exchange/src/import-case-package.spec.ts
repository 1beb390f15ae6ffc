import { DomainError } from '@balanse/contracts';
import { importCasePackage } from './import-case-package';
import { MAX_WARNINGS } from './lenient-reader';
import { outcomesOf, walk, type StandardNode } from './standard-document';
import { DOC_ID, id, testPackage } from './test-packages.testing';
import openSalt from './fixtures/opensalt-what-standards-could-be.json';
import act from './fixtures/act-holistic-framework-math.json';

const shape = (nodes: StandardNode[]): unknown =>
  nodes.map((n) =>
    n.kind === 'outcome'
      ? (n.code ?? n.kind)
      : { [`${n.kind} ${n.code ?? ''}`.trim()]: shape(n.children) },
  );

function refusal(json: unknown): DomainError {
  try {
    importCasePackage(json);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('imported');
}

describe('importCasePackage: real frameworks', () => {
  it('reads the OpenSALT sample (CASE 1.0, item types Cluster/Standard/Component): clusters by type, the rest by place', () => {
    const { document, warnings } = importCasePackage(openSalt);
    expect(document.children.map((c) => [c.kind, c.code])).toEqual([
      ['cluster', 'CCSS.Math.Content.6.RP.A'],
      ['cluster', 'CCSS.Math.Content.7.RP.A'],
    ]);
    const nodes = [...walk(document.children)];
    expect(nodes).toHaveLength(16);
    // Standards with components are areas; components and childless standards are outcomes.
    for (const { node } of nodes) {
      const type = (openSalt.CFItems.find((i) => i.identifier === node.id) as { CFItemType: string }).CFItemType;
      if (type === 'Component') expect(node.kind).toBe('outcome');
      if (type === 'Standard') expect(node.kind).toBe(node.kind === 'area' ? 'area' : 'outcome');
    }
    expect(nodes.filter(({ node }) => node.kind === 'area').length).toBeGreaterThan(0);
    expect(outcomesOf(document).every((o) => o.title.en)).toBe(true);
    // Each deviation is named with its path.
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'CASE_1P0_FIELD', path: 'CFDocument.CFPackageURI' }),
        expect.objectContaining({ code: 'TIMESTAMP_WITHOUT_ZONE', path: 'CFDocument.lastChangeDateTime' }),
        expect.objectContaining({ code: 'CASE_1P0_FIELD', path: 'CFItems.0.CFDocumentURI' }),
        expect.objectContaining({ code: 'UNKNOWN_FIELD', path: 'CFItems.0.educationalLevel' }),
        expect.objectContaining({ code: 'ITEM_TYPE_DESCRIPTION_MISSING', path: 'CFDefinitions.CFItemTypes.0.description' }),
        expect.objectContaining({ code: 'NUMBER_AS_STRING', path: expect.stringMatching(/^CFAssociations\.\d+\.sequenceNumber$/) }),
      ]),
    );
    expect(document.updatedAt).toBe('2017-05-25T18:05:33Z');
    // What has no place is kept: the other associations, the definitions, unknown fields.
    const kept = document.extensions.case!;
    const types = (kept['associations'] as { associationType: string }[]).map((a) => a.associationType);
    expect(types.sort()).toEqual([...Array(16).fill('exactMatchOf'), 'exemplar', 'exemplar', 'isRelatedTo', 'isRelatedTo', 'precedes', 'precedes', 'precedes'].sort());
    expect((kept['CFDefinitions'] as { CFItemTypes: unknown[] }).CFItemTypes).toHaveLength(3);
    expect(document.children[0].extensions.case!['kept']).toEqual({ educationalLevel: '06' });
  }); // prettier-ignore

  it('reads the ACT Holistic Framework (no item types, five levels deep) by place', () => {
    const { document } = importCasePackage(act);
    expect(document.title).toEqual({ und: 'ACT Holistic Framework, Math' });
    expect(document.owner).toBe('ACT, Inc.');
    const nodes = [...walk(document.children)];
    expect(nodes).toHaveLength(28);
    expect(Math.max(...nodes.map((n) => n.depth))).toBe(5);
    for (const { node, depth } of nodes) {
      const hasChildren = node.kind !== 'outcome';
      expect(node.kind).toBe(!hasChildren ? 'outcome' : depth === 1 ? 'cluster' : 'area');
      // Untyped items stay untyped.
      expect(node.extensions.case!['CFItemType']).toBeNull();
      expect(node.code).toMatch(/^H\.A\.MATH\./);
    }
    expect(shape(document.children)).toMatchObject([{ 'cluster H.A.MATH.GM': expect.any(Array) }]);
  });
});

describe('importCasePackage: the Balanse reading of a package', () => {
  const pkg = testPackage([
    { name: 'k1', CFItemType: 'Klynge', humanCodingScheme: 'FR' },
    { name: 'a1', parent: 'k1', CFItemType: 'Kompetanseområde', humanCodingScheme: 'FR.1' },
    { name: 'o1', parent: 'a1', CFItemType: 'Kunnskap', humanCodingScheme: 'FR.1.1', educationLevel: ['NKR-5', 'Vg3'], notes: 'merknad',
      extensions: { 'balanse:mandatory': true, 'balanse:text': { en: { fullStatement: 'Understands budgets', notes: 'a note' } },
        'balanse:educationLinks': [{ programmeCode: 'HSHEA', credits: 30, curriculumAim: 'kompetansemål 3' }], 'acme:x': 1 } },
    { name: 'o2', parent: 'a1', CFItemType: 'Ferdigheter', humanCodingScheme: 'FR.1.2', sequenceNumber: 1 },
    { name: 'o3', parent: 'a1', CFItemType: 'general competence', humanCodingScheme: 'FR.1.3', language: 'en' },
  ], {
    associations: [{
      identifier: id('esco'), uri: 'https://publisher.example/uri/esco', associationType: 'isRelatedTo',
      originNodeURI: { title: 'o1', identifier: id('o1'), uri: `https://publisher.example/uri/${id('o1')}` },
      destinationNodeURI: { title: 'manage budgets', identifier: 'esco-1', uri: 'http://data.europa.eu/esco/skill/aa-bb' },
      lastChangeDateTime: '2026-05-01T10:00:00Z',
    }],
  }); // prettier-ignore

  it('maps item types to roles and outcome types, educationLevel to NKR, isRelatedTo ESCO to ESCO URIs, and its extensions', () => {
    const { document, warnings } = importCasePackage(pkg);
    expect(warnings).toEqual([]);
    expect(shape(document.children)).toEqual([
      { 'cluster FR': [{ 'area FR.1': ['FR.1.2', 'FR.1.1', 'FR.1.3'] }] },
    ]);
    const [o2, o1, o3] = outcomesOf(document);
    expect(o1).toMatchObject({
      id: id('o1'),
      type: 'knowledge',
      mandatory: true,
      nkrLevel: 5,
      title: { nb: 'statement o1', en: 'Understands budgets' },
      description: { nb: 'merknad', en: 'a note' },
      escoUris: ['http://data.europa.eu/esco/skill/aa-bb'],
      educationLinks: [{ programmeCode: 'HSHEA', credits: 30, curriculumAim: 'kompetansemål 3' }],
    });
    expect(o1.extensions.case).toMatchObject({
      educationLevel: ['Vg3'],
      extensions: { 'acme:x': 1 },
    });
    expect(o2).toMatchObject({ type: 'skills', mandatory: false, title: { nb: 'statement o2' } });
    expect(o3).toMatchObject({ type: 'general_competence', title: { en: 'statement o3' } });
    expect(document.title).toEqual({ nb: 'Avdelingsleder i helse og omsorg' });
  });

  it('reads an outcome type with children as an area, and a cluster type below the top as an area, saying so', () => {
    const { document, warnings } = importCasePackage(
      testPackage([
        { name: 'k', CFItemType: 'Knowledge' },
        { name: 'c', parent: 'k', CFItemType: 'Cluster' },
        { name: 'o', parent: 'c' },
      ]),
    );
    expect(shape(document.children)).toEqual([{ area: [{ area: ['outcome'] }] }]);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['ROLE_CONFLICT', 'CFItems.0.CFItemType'],
      ['ROLE_CONFLICT', 'CFItems.1.CFItemType'],
    ]);
  });

  it('keeps items outside the tree (and their links) with a warning instead of guessing where they go', () => {
    const base = testPackage([{ name: 'a' }, { name: 'b', parent: 'lost' }]);
    const { document, warnings } = importCasePackage(base);
    expect(outcomesOf(document).map((o) => o.id)).toEqual([id('a')]);
    expect(document.extensions.case!['orphanItems']).toEqual([
      expect.objectContaining({ identifier: id('b') }),
    ]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'ORPHAN_ITEM', path: 'CFItems.1' })]);
  });
});

describe('importCasePackage: CASE 1.0 and publishers’ deviations', () => {
  it('accepts what can be read without guessing, one warning per deviation with its path', () => {
    const pkg = testPackage(
      [
        { name: 'a', humanCodingScheme: 7, lastChangeDateTime: '2017-10-18 15:02:46', CFDocumentURI: 'x' },
        { name: 'b', parent: 'a', sequenceNumber: '2', identifier: id('b').toUpperCase(), educationLevel: 'NKR-4' },
        { name: 'c', parent: 'a', sequenceNumber: 1, notes: null },
      ],
      { document: { CFPackageURI: { title: 't', identifier: DOC_ID, uri: 'https://p.example/x' }, lastChangeDateTime: '2026-05-01T10:00:00' } },
    ); // prettier-ignore
    // The upper-case identifier is still the origin of its association.
    const second = pkg.CFAssociations[1] as unknown as { originNodeURI: { identifier: string } };
    second.originNodeURI.identifier = id('b').toUpperCase();
    const { document, warnings } = importCasePackage(pkg);
    expect(warnings.map((w) => [w.code, w.path]).sort()).toEqual(
      [
        ['CASE_1P0_FIELD', 'CFDocument.CFPackageURI'],
        ['TIMESTAMP_WITHOUT_ZONE', 'CFDocument.lastChangeDateTime'],
        ['CASE_1P0_FIELD', 'CFItems.0.CFDocumentURI'],
        ['STRING_AS_NUMBER', 'CFItems.0.humanCodingScheme'],
        ['TIMESTAMP_WITHOUT_ZONE', 'CFItems.0.lastChangeDateTime'],
        ['IDENTIFIER_NORMALISED', 'CFItems.1.identifier'],
        ['SINGLE_VALUE_FOR_LIST', 'CFItems.1.educationLevel'],
        ['NULL_VALUE', 'CFItems.2.notes'],
        ['IDENTIFIER_NORMALISED', 'CFAssociations.1.originNodeURI.identifier'],
        ['NUMBER_AS_STRING', 'CFAssociations.1.sequenceNumber'],
      ].sort(),
    );
    expect(document.updatedAt).toBe('2026-05-01T10:00:00Z');
    expect(shape(document.children)).toEqual([{ 'cluster 7': ['outcome', 'outcome'] }]);
    const [c, b] = outcomesOf(document);
    expect([c.id, b.id, b.nkrLevel]).toEqual([id('c'), id('b'), 4]);
    expect(document.children[0].extensions.case!['lastChangeDateTime']).toBe(
      '2017-10-18T15:02:46Z',
    );
  });

  it('keeps an unknown field named __proto__ as a field, not as a prototype', () => {
    const pkg = testPackage([{ name: 'a' }]);
    const json = JSON.stringify(pkg).replace(
      '"fullStatement"',
      '"__proto__":{"polluted":true},"fullStatement"',
    );
    const { document, warnings } = importCasePackage(JSON.parse(json));
    const kept = document.children[0].extensions.case!['kept'] as object;
    expect(Object.getOwnPropertyNames(kept)).toEqual(['__proto__']);
    expect((kept as { polluted?: boolean }).polluted).toBeUndefined();
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_FIELD', path: 'CFItems.0.__proto__' }),
    ]);
  });

  it(`lists at most ${MAX_WARNINGS} warnings and says how many more there were`, () => {
    const many = testPackage(
      Array.from({ length: 600 }, (_, i) => ({ name: `i${i}`, CFDocumentURI: 'x' })),
    );
    const { warnings } = importCasePackage(many);
    expect(warnings).toHaveLength(MAX_WARNINGS + 1);
    expect(warnings.at(-1)).toMatchObject({
      code: 'WARNINGS_TRUNCATED',
      message: '100 more warning(s) not listed',
    });
  });
});

describe('importCasePackage: refusals', () => {
  const ok = () => testPackage([{ name: 'a' }, { name: 'b', parent: 'a' }]);

  it.each([
    ['not an object', [], ''],
    ['no CFDocument', { CFItems: [] }, 'CFDocument'],
    ['a CFDocument without identifier', { ...ok(), CFDocument: { ...ok().CFDocument, identifier: undefined } }, 'CFDocument.identifier'],
    ['a CFDocument without title', { ...ok(), CFDocument: { ...ok().CFDocument, title: ' ' } }, 'CFDocument.title'],
    ['CFItems not a list', { ...ok(), CFItems: {} }, 'CFItems'],
    ['an item without fullStatement', { ...ok(), CFItems: [ok().CFItems[0], { ...ok().CFItems[1], fullStatement: undefined }] }, 'CFItems.1.fullStatement'],
    ['a statement that is an object', { ...ok(), CFItems: [{ ...ok().CFItems[0], fullStatement: { nb: 'x' } }] }, 'CFItems.0.fullStatement'],
    ['a duplicate item identifier', { ...ok(), CFItems: [ok().CFItems[0], ok().CFItems[0]] }, 'CFItems.1.identifier'],
    ['a timestamp that is no time', { ...ok(), CFItems: [{ ...ok().CFItems[0], lastChangeDateTime: 'yesterday' }] }, 'CFItems.0.lastChangeDateTime'],
    ['an association without origin', { ...ok(), CFAssociations: [{ ...ok().CFAssociations[0], originNodeURI: 'a' }] }, 'CFAssociations.0.originNodeURI'],
    ['a sequenceNumber that is no number', { ...ok(), CFAssociations: [{ ...ok().CFAssociations[0], sequenceNumber: 'first' }] }, 'CFAssociations.0.sequenceNumber'],
    ['a mandatory flag that is not a boolean', { ...ok(), CFItems: [ok().CFItems[0], { ...ok().CFItems[1], extensions: { 'balanse:mandatory': 'yes' } }] }, 'CFItems.1.extensions.balanse:mandatory'],
  ])('refuses %s with VALIDATION_FAILED and the path', (_what, json, path) => {
    const e = refusal(json);
    expect([e.status, e.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(e.fields).toEqual([expect.objectContaining({ field: path })]);
  }); // prettier-ignore

  it('refuses an empty framework with CASE_FRAMEWORK_EMPTY', () => {
    const none = refusal({ ...ok(), CFItems: [], CFAssociations: [] });
    expect([none.status, none.code, none.message]).toEqual([422, 'CASE_FRAMEWORK_EMPTY', 'the CASE package has no CFItems']);
    const detached = refusal({ ...ok(), CFAssociations: [] });
    expect([detached.code, detached.details]).toEqual(['CASE_FRAMEWORK_EMPTY', { items: 2 }]);
  }); // prettier-ignore
});
