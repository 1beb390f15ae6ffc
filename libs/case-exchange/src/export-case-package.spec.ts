import { caseSchemaErrors } from './case-schemas.testing';
import type { CFPackage } from './cfpackage';
import { exportCasePackage } from './export-case-package';
import { importCasePackage } from './import-case-package';
import type { Outcome, StandardDocument, StandardNode } from './standard-document';
import openSalt from './fixtures/opensalt-what-standards-could-be.json';
import act from './fixtures/act-holistic-framework-math.json';

const BASE = 'https://balanse.example';
const options = { baseUrl: BASE, version: 3 };

const outcome = (id: string, code: string, fields: Partial<Outcome> = {}): Outcome => ({
  kind: 'outcome', id, code, title: { nb: `utbytte ${code}`, en: `outcome ${code}` }, mandatory: false,
  escoUris: [], educationLinks: [], extensions: {}, ...fields,
}); // prettier-ignore

/** A standard as Balanse holds it: bokmål and English, typed outcomes, NKR, ESCO, education links. */
const departmentLeader: StandardDocument = {
  id: '0d1e6f4c-2b8a-4c55-9f0e-7a1b2c3d4e01',
  code: 'AVD-LEDER',
  title: { nb: 'Avdelingsleder i helse og omsorg', en: 'Department leader in health and care' },
  description: { nb: 'Balansemodellen', en: 'The balance model' },
  owner: 'Virke',
  publisher: 'Balanse',
  version: '3',
  updatedAt: '2026-06-01T08:00:00.000Z',
  extensions: {},
  children: [
    {
      kind: 'cluster', id: '0d1e6f4c-2b8a-4c55-9f0e-7a1b2c3d4e02', code: 'FR',
      title: { nb: 'Fleksibilitet og rutiner', en: 'Flexibility and routines' }, extensions: {},
      children: [
        {
          kind: 'area', id: '0d1e6f4c-2b8a-4c55-9f0e-7a1b2c3d4e03', code: 'FR.OKO',
          title: { nb: 'Økonomiforståelse', en: 'Economic understanding' }, extensions: {},
          children: [
            outcome('0d1e6f4c-2b8a-4c55-9f0e-7a1b2c3d4e04', 'FR.OKO.1', {
              type: 'knowledge', mandatory: true, nkrLevel: 5,
              description: { nb: 'budsjett og regnskap' },
              escoUris: ['http://data.europa.eu/esco/skill/6f6f6f6f-aaaa-bbbb-cccc-000000000001'],
              educationLinks: [{ programmeCode: 'FAGSKOLE-HELSELEDELSE', courseCode: 'HL102', credits: 10, curriculumAim: 'økonomistyring' }],
            }),
            outcome('0d1e6f4c-2b8a-4c55-9f0e-7a1b2c3d4e05', 'FR.OKO.2', { type: 'skills' }),
          ],
        },
      ],
    },
    {
      kind: 'cluster', id: '0d1e6f4c-2b8a-4c55-9f0e-7a1b2c3d4e06', code: 'MT',
      title: { nb: 'Mennesker og teknologi' }, extensions: {},
      children: [outcome('0d1e6f4c-2b8a-4c55-9f0e-7a1b2c3d4e07', 'MT.1', { type: 'general_competence', title: { en: 'Builds teams' } })],
    },
  ],
}; // prettier-ignore

/** Statement, code, item type and parent of each item, from a package's own associations. */
function facts(pkg: { CFItems: unknown[]; CFAssociations: unknown[] }) {
  const parents = new Map<string, { parent: string; seq?: unknown }>();
  for (const a of pkg.CFAssociations as Record<string, any>[])
    if (a.associationType === 'isChildOf') parents.set(a.originNodeURI.identifier, { parent: a.destinationNodeURI.identifier, seq: a.sequenceNumber });
  return (pkg.CFItems as Record<string, any>[]).map((i) => ({
    identifier: i.identifier,
    fullStatement: i.fullStatement,
    humanCodingScheme: i.humanCodingScheme === undefined ? undefined : String(i.humanCodingScheme),
    CFItemType: i.CFItemType,
    parent: parents.get(i.identifier)?.parent,
  }));
} // prettier-ignore

/** Children of each parent in order, as the tree is read (sequence numbers, then file order). */
function childOrder(pkg: { CFAssociations: unknown[] }) {
  const out = new Map<string, { id: string; seq: number; i: number }[]>();
  (pkg.CFAssociations as Record<string, any>[]).forEach((a, i) => {
    if (a.associationType !== 'isChildOf') return;
    const list = out.get(a.destinationNodeURI.identifier) ?? [];
    list.push({ id: a.originNodeURI.identifier, seq: a.sequenceNumber === undefined ? Infinity : Number(a.sequenceNumber), i });
    out.set(a.destinationNodeURI.identifier, list);
  });
  return Object.fromEntries([...out].map(([k, v]) => [k, v.sort((a, b) => a.seq - b.seq || a.i - b.i).map((c) => c.id)]));
} // prettier-ignore

describe('exportCasePackage', () => {
  it('writes a Balanse standard that validates against both official CASE 1.1 schemas', () => {
    const pkg = exportCasePackage(departmentLeader, options);
    expect(caseSchemaErrors(pkg)).toEqual([]);
    expect(pkg.CFDocument).toMatchObject({
      identifier: departmentLeader.id,
      uri: `${BASE}/ims/case/v1p1/CFDocuments/${departmentLeader.id}`,
      caseVersion: '1.1', language: 'nb', version: '3', creator: 'Virke',
      title: 'Avdelingsleder i helse og omsorg',
      extensions: { 'balanse:code': 'AVD-LEDER', 'balanse:text': { en: { fullStatement: 'Department leader in health and care', description: 'The balance model' } } },
    }); // prettier-ignore
    expect(pkg.CFItems.map((i) => [i.humanCodingScheme, i.CFItemType, i.language])).toEqual([
      ['FR', 'Cluster', undefined],
      ['FR.OKO', 'Competence area', undefined],
      ['FR.OKO.1', 'Knowledge', undefined],
      ['FR.OKO.2', 'Skills', undefined],
      ['MT', 'Cluster', undefined],
      ['MT.1', 'General competence', 'en'],
    ]);
    expect(pkg.CFItems[2]).toMatchObject({
      educationLevel: ['NKR-5'],
      notes: 'budsjett og regnskap',
      extensions: { 'balanse:mandatory': true, 'balanse:educationLinks': [expect.objectContaining({ courseCode: 'HL102' })] },
    });
    const esco = pkg.CFAssociations.filter((a) => a.associationType === 'isRelatedTo');
    expect(esco.map((a) => a.destinationNodeURI.uri)).toEqual(['http://data.europa.eu/esco/skill/6f6f6f6f-aaaa-bbbb-cccc-000000000001']);
  }); // prettier-ignore

  it('round trip: importing what was exported gives the same standard', () => {
    const pkg = exportCasePackage(departmentLeader, options);
    const { document, warnings } = importCasePackage(JSON.parse(JSON.stringify(pkg)), {
      baseUrl: BASE,
    });
    expect(warnings).toEqual([]);
    expect(document).toEqual(departmentLeader);
  });

  it.each([
    ['the OpenSALT sample', openSalt],
    ['the ACT Holistic Framework', act],
  ])(
    '%s exports valid CASE 1.1 with the same statements, codes, item types and tree, and round-trips',
    (_name, original) => {
      const first = importCasePackage(original, { baseUrl: BASE }).document;
      const pkg = exportCasePackage(first, options);
      expect(caseSchemaErrors(pkg)).toEqual([]);
      const byId = (f: ReturnType<typeof facts>) =>
        [...f].sort((a, b) => a.identifier.localeCompare(b.identifier));
      expect(byId(facts(pkg))).toEqual(byId(facts(original)));
      expect(childOrder(pkg)).toEqual(childOrder(original));
      // And again: the document read back is the one exported, so a second export is the same package.
      const again = importCasePackage(JSON.parse(JSON.stringify(pkg)), { baseUrl: BASE });
      expect(again.warnings).toEqual([]);
      expect(again.document).toEqual({ ...first, version: '3' });
      expect(exportCasePackage(again.document, options)).toEqual(pkg);
    },
  );

  it('keeps a tree however deep, and what had no place in the model', () => {
    const depth = 40;
    let node: StandardNode = outcome('0d1e6f4c-2b8a-4c55-9f0e-7a1b2c3d4f00', 'L40');
    for (let d = depth - 1; d >= 1; d--)
      node = {
        kind: d === 1 ? 'cluster' : 'area', id: `0d1e6f4c-2b8a-4c55-9f0e-7a1b2c3d4f${String(d).padStart(2, '0')}`, code: `L${d}`,
        title: { nb: `nivå ${d}` }, children: [node], extensions: { case: { abbreviatedStatement: `n${d}`, conceptKeywords: ['a', 'b'] } },
      }; // prettier-ignore
    const deep: StandardDocument = { ...departmentLeader, children: [node] };
    const pkg = exportCasePackage(deep, options);
    expect(caseSchemaErrors(pkg)).toEqual([]);
    expect(pkg.CFItems).toHaveLength(depth);
    expect(importCasePackage(pkg, { baseUrl: BASE }).document).toEqual(deep);
  });

  it('gives ids that are not CASE UUIDs name-based identifiers, the same on every export', () => {
    const doc: StandardDocument = {
      ...departmentLeader,
      id: 'standard-17',
      children: [outcome('outcome-1', 'X')],
    };
    const a = exportCasePackage(doc, options);
    expect(caseSchemaErrors(a)).toEqual([]);
    expect(a.CFDocument.identifier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab]/);
    expect(exportCasePackage(doc, options)).toEqual(a);
  });

  it('fills in what the 1.1 binding requires of kept objects, so real packages validate', () => {
    const pkg: CFPackage = exportCasePackage(importCasePackage(openSalt).document, options);
    const types = (pkg.CFDefinitions as { CFItemTypes: Record<string, unknown>[] }).CFItemTypes;
    expect(types.map((t) => t['description'])).toEqual(['Cluster', 'Standard', 'Component']);
    expect(pkg.CFDocument.lastChangeDateTime).toBe('2017-05-25T18:05:33Z');
  });
});
