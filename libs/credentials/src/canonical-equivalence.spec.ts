// The hooks in jsonld-fast-clone.ts change how jsonld finds contexts it has processed before, never
// what it computes. This compares our canonical N-Quads with those of a second, unhooked copy of
// jsonld (its own module registry, its own caches, a loader without the `static` tag and its own
// copies of the contexts), for credentials of every shape we issue and for odd, tampered and
// invalid ones: the same N-Quads, or the same error. Each document goes through ours twice and in
// between the others, so a context cached for one shape and wrongly reused for another shows.
import { achievementCredential } from './achievement-credential';
import { CONTEXTS, OB_CONTEXT, VC_V2_CONTEXT } from './document-loader';
import { canonize } from './eddsa-rdfc-2022';
import { fastJsonldStatus } from './jsonld-fast-clone';
import { sampleAchievementInput } from './sample';

type Json = Record<string, any>;

interface PlainJsonld {
  canonize(input: object, options: object): Promise<string>;
}

let plain: PlainJsonld;
let plainInitialClone: unknown;
jest.isolateModules(() => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  plain = require('jsonld');
  plainInitialClone = require('jsonld/lib/context.js').getInitialContext({}).clone;
  /* eslint-enable @typescript-eslint/no-require-imports */
});

const plainLoader = async (url: string) => {
  const document = CONTEXTS.get(url);
  if (!document) throw new Error(`not pinned: ${url}`);
  return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
};

type Outcome = { nquads: string } | { error: { name?: string; code?: string; message: string } };

function errorOf(error: unknown): Outcome {
  const e = error as {
    name?: string;
    message?: string;
    details?: { code?: string; event?: { code?: string } };
  };
  return {
    error: {
      name: e.name,
      code: e.details?.code ?? e.details?.event?.code,
      message: String(e.message),
    },
  };
}

async function ours(document: object): Promise<Outcome> {
  try {
    return { nquads: await canonize(structuredClone(document)) };
  } catch (error) {
    return errorOf(error);
  }
}

async function reference(document: object): Promise<Outcome> {
  try {
    const nquads = await plain.canonize(structuredClone(document), {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      safe: true,
      documentLoader: plainLoader,
    });
    return { nquads };
  } catch (error) {
    return errorOf(error);
  }
}

const contexts = () => [...(achievementCredential(sampleAchievementInput())['@context'] as [])];

function documents(): [string, Json, 'valid' | 'any'][] {
  const certified = achievementCredential(sampleAchievementInput()) as Json;
  const partial = achievementCredential(sampleAchievementInput(15)) as Json;
  const noEvidence = achievementCredential({ ...sampleAchievementInput(), evidence: [] });
  const evidence = achievementCredential({
    ...sampleAchievementInput(3),
    evidence: Array.from({ length: 4 }, (_, i) => ({
      id: `https://balanse.example.no/evidence/${i}`,
      name: `Bevis ${i}`,
      sha256: String(i).repeat(64),
    })),
  });
  const proofOptions = {
    '@context': contexts(),
    type: 'DataIntegrityProof',
    created: '2026-11-01T10:00:00Z',
    verificationMethod: 'did:web:balanse.example.no#key-1',
    cryptosuite: 'eddsa-rdfc-2022',
    proofPurpose: 'assertionMethod',
  };

  const tampered = structuredClone(certified);
  tampered.credentialSubject.result[3].status = 'Failed';
  tampered.credentialSubject.achievement.alignment.reverse();
  tampered.type = ['AchievementCredential', 'VerifiableCredential', 'OpenBadgeCredential'];

  const stringTypes = structuredClone(partial);
  stringTypes.credentialSubject.type = 'AchievementSubject';
  stringTypes.credentialSubject.achievement.type = 'Achievement';
  stringTypes.credentialSubject.result[0] = {
    type: 'Result',
    resultDescription: stringTypes.credentialSubject.result[0].resultDescription,
    value: { '@value': '4', '@type': 'xsd:string' },
  };
  stringTypes.name = { '@value': 'Fagbrev', '@language': 'nb' };
  stringTypes.credentialSubject.achievement.name = 'Fagbrev i betongfaget';

  // Inline contexts: a type whose scoped context propagates (into nested nodes) and one whose
  // does not, a default language and direction (which jsonld's clone does not carry into a
  // reverted context), and terms only the inline context defines.
  const inline = structuredClone(certified);
  inline['@context'] = [
    ...contexts(),
    {
      '@language': 'nb',
      '@direction': 'ltr',
      ex: 'https://example.org/ns#',
      Spread: { '@id': 'ex:Spread', '@context': { '@propagate': true, label: 'ex:label' } },
      Local: { '@id': 'ex:Local', '@context': { '@propagate': false, note: 'ex:note' } },
      Plain: { '@id': 'ex:Plain', '@context': { remark: 'ex:remark' } },
      part: { '@id': 'ex:part', '@type': '@id' },
      tags: { '@id': 'ex:tags', '@container': '@list' },
      extra: 'ex:extra',
    },
  ];
  inline.extra = [
    { type: 'Spread', label: 'top', part: { type: 'Plain', label: 'inherited', remark: 'r' } },
    { type: 'Local', note: 'n', extra: { label: 'not here' } },
    { type: 'Plain', remark: 'x', tags: ['b', 'a', 'c'], extra: 'text' },
  ];
  inline.credentialSubject.extra = { type: ['Local', 'Plain'], note: 'both', remark: 'both' };

  const inlineValid = structuredClone(inline);
  inlineValid.extra[1] = { type: 'Local', note: 'n', extra: 'fine' };

  // Invalid: an undefined term, a context naming an unpinned URL, a nested null context under
  // protected terms, the contexts in the wrong order, a relative type.
  const undefinedTerm = { ...structuredClone(certified), notATerm: 'x' };
  const unknownContext = structuredClone(certified);
  unknownContext['@context'].push('https://example.org/unknown/v1');
  const nullContext = structuredClone(certified);
  nullContext.credentialSubject['@context'] = null;
  const reordered = structuredClone(certified);
  reordered['@context'] = [OB_CONTEXT, VC_V2_CONTEXT];
  const relativeType = structuredClone(certified);
  relativeType.credentialSubject.type = ['AchievementSubject', 'SomethingElse'];

  return [
    ['certified', certified, 'valid'],
    ['partial', partial, 'valid'],
    ['no evidence', noEvidence, 'valid'],
    ['four pieces of evidence', evidence, 'valid'],
    ['proof options', proofOptions, 'valid'],
    ['tampered', tampered, 'valid'],
    ['single types, a value object, a language string', stringTypes, 'valid'],
    ['inline scoped contexts', inlineValid, 'valid'],
    ['inline scoped contexts, a term used out of scope', inline, 'any'],
    ['an undefined term', undefinedTerm, 'any'],
    ['an unpinned context', unknownContext, 'any'],
    ['a null context under protected terms', nullContext, 'any'],
    ['the contexts reordered', reordered, 'any'],
    ['a relative type', relativeType, 'any'],
  ];
}

describe('canonical N-Quads, hooked jsonld against plain jsonld', () => {
  it('uses a hooked jsonld here and a plain one for the reference', () => {
    expect(fastJsonldStatus()).toEqual({ installed: true, processHooked: true });
    expect((plainInitialClone as { name: string }).name).toBe('_cloneActiveContext');
  });

  it('gives the same N-Quads, or the same error, for every document, cold and warm', async () => {
    const docs = documents();
    const expected = new Map<string, Outcome>();
    for (const [name, document, kind] of docs) {
      const outcome = await reference(document);
      if (kind === 'valid')
        expect({ name, outcome }).toEqual({
          name,
          outcome: expect.objectContaining({ nquads: expect.any(String) }),
        });
      expected.set(name, outcome);
    }
    for (const round of [1, 2, 3]) {
      const order = round === 2 ? [...docs].reverse() : docs;
      for (const [name, document] of order) {
        expect({ round, name, outcome: await ours(document) }).toEqual({
          round,
          name,
          outcome: expected.get(name),
        });
      }
    }
  });

  it('processes no context at all for a warm credential (the caches hit)', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const context = require('jsonld/lib/context.js');
    const original = context.createTermDefinition;
    let definitions = 0;
    context.createTermDefinition = (...args: unknown[]) => {
      definitions++;
      return original(...args);
    };
    try {
      const credential = achievementCredential(sampleAchievementInput(7));
      await canonize(credential);
      definitions = 0;
      await canonize(achievementCredential(sampleAchievementInput(7)));
      expect(definitions).toBe(0);
    } finally {
      context.createTermDefinition = original;
    }
  });
});
