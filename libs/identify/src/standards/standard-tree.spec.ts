import { DomainError, type ClusterInput } from '@balanse/contracts';
import { buildClusters, idsOf, NO_IDS } from './standard-tree';

const both = (text: string) => ({ nb: text, en: text });
const tree = (...codes: Array<string | undefined>): ClusterInput[] => [
  {
    title: both('C'),
    areas: [
      {
        title: both('A'),
        outcomes: codes.map((code) => ({ code, statement: both('S'), category: 'skills' })),
      },
    ],
  },
];
let n = 0;
const newId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const refusal = (build: () => unknown) => {
  try {
    build();
  } catch (err) {
    const e = err as DomainError;
    return { status: e.status, code: e.code, fields: e.fields };
  }
  throw new Error('not refused');
};

describe('a standard’s tree', () => {
  it('gives new elements new ids and default codes, and the EQF level of the NKR level', () => {
    const input = tree('X-1', undefined);
    input[0]!.areas[0]!.outcomes![1]!.nkrLevel = 6;
    const [outcome1, outcome2] = buildClusters(input, NO_IDS, newId)[0]!.areas[0]!.outcomes;
    expect(outcome1).toMatchObject({
      code: 'X-1',
      mandatory: false,
      nkrLevel: null,
      eqfLevel: null,
    });
    expect(outcome2).toMatchObject({ code: 'C1-A1-2', nkrLevel: 6, eqfLevel: 6, escoSkills: [] });
    expect(outcome1!.id).not.toBe(outcome2!.id);
  });

  it('keeps the ids a draft has, and refuses others or one named twice, by path', () => {
    const draft = buildClusters(tree('A', 'B'), NO_IDS, newId);
    const known = idsOf(draft);
    const [a, b] = draft[0]!.areas[0]!.outcomes;
    const input = tree('A', 'B');
    input[0]!.areas[0]!.outcomes![0]!.id = b!.id;
    expect(buildClusters(input, known, newId)[0]!.areas[0]!.outcomes[0]!.id).toBe(b!.id);

    input[0]!.areas[0]!.outcomes![1]!.id = b!.id;
    input[0]!.areas[0]!.id = a!.id; // an outcome's id where an area's belongs
    expect(refusal(() => buildClusters(input, known, newId))).toEqual({
      status: 422,
      code: 'UNKNOWN_STANDARD_ELEMENT',
      fields: [
        { field: 'clusters.0.areas.0.id', message: `no area ${a!.id} in the draft` },
        { field: 'clusters.0.areas.0.outcomes.1.id', message: `outcome ${b!.id} is named twice` },
      ],
    });
  });

  it('refuses a code used twice, naming each repeat and the first use', () => {
    expect(refusal(() => buildClusters(tree('A', 'B', 'A', 'A'), NO_IDS, newId))).toEqual({
      status: 422,
      code: 'DUPLICATE_OUTCOME_CODE',
      fields: [
        {
          field: 'clusters.0.areas.0.outcomes.2.code',
          message: 'A is used by clusters.0.areas.0.outcomes.0',
        },
        {
          field: 'clusters.0.areas.0.outcomes.3.code',
          message: 'A is used by clusters.0.areas.0.outcomes.0',
        },
      ],
    });
  });

  it('keeps areas within areas: ids, codes numbered by level, and codes unique across levels', () => {
    const input = tree('X-1');
    input[0]!.areas[0]!.code = 'D1';
    input[0]!.areas[0]!.areas = [
      {
        code: 'D1.a',
        title: both('Sub'),
        extensions: { case: { CFItemType: 'Strand' } },
        areas: [
          { title: both('Sub-sub'), outcomes: [{ statement: both('T'), category: 'knowledge' }] },
        ],
      },
    ];
    const [cluster] = buildClusters(input, NO_IDS, newId);
    const sub = cluster!.areas[0]!.areas![0]!;
    expect(cluster!.areas[0]!.code).toBe('D1');
    expect(sub).toMatchObject({
      code: 'D1.a',
      outcomes: [],
      extensions: { case: { CFItemType: 'Strand' } },
    });
    expect(sub.areas![0]!.outcomes[0]!.code).toBe('C1-A1.1.1-1');
    expect(idsOf([cluster!]).area.has(sub.areas![0]!.id)).toBe(true);

    sub.areas![0]!.outcomes[0]!.code = 'X-1';
    input[0]!.areas[0]!.areas![0]!.areas![0]!.outcomes![0]!.code = 'X-1';
    expect(refusal(() => buildClusters(input, NO_IDS, newId))).toMatchObject({
      code: 'DUPLICATE_OUTCOME_CODE',
      fields: [
        {
          field: 'clusters.0.areas.0.areas.0.areas.0.outcomes.0.code',
          message: 'X-1 is used by clusters.0.areas.0.outcomes.0',
        },
      ],
    });
  });
});
