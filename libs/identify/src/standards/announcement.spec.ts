import { validatePayload, StandardAnnouncedV1 } from '@balanse/contracts';
import { announcementParts } from './announcement';
import type { Cluster, LearningOutcome } from './standard.entity';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function outcome(n: number): LearningOutcome {
  return {
    id: uuid(n),
    code: `K${n}`,
    statement: { nb: `Kan ${'x'.repeat(200)} ${n}`, en: `Can ${n}` },
    category: 'knowledge',
    mandatory: true,
    nkrLevel: 5,
    eqfLevel: null,
    escoSkills: [],
    education: [{ programme: 'P1', course: 'C1', credits: 5 }, { credits: 2.5 }],
  };
}

function standard(outcomes: number) {
  const clusters: Cluster[] = [1, 2].map((c) => ({
    id: uuid(1000 + c),
    title: { nb: `Område ${c}`, en: `Area ${c}` },
    areas: [
      {
        id: uuid(2000 + c),
        title: { nb: 'a', en: 'a' },
        outcomes: [],
        // Nested areas: the outcomes of every level belong to the top cluster.
        areas: [
          {
            id: uuid(3000 + c),
            title: { nb: 'b', en: 'b' },
            outcomes: Array.from({ length: outcomes / 2 }, (_, i) => outcome(c * 10_000 + i)),
          },
        ],
      },
    ],
  }));
  return {
    id: uuid(1),
    version: 3,
    code: 'STD',
    title: { nb: 'Standard', en: 'Standard' },
    owner: { name: 'Bransjerådet' },
    nqfLevel: 4,
    clusters,
  };
}

describe('standard.announced parts', () => {
  it('a small standard is one valid part with its outcomes, clusters and credits', () => {
    const parts = announcementParts(standard(10));
    expect(parts).toHaveLength(1);
    const [part] = parts;
    expect(() => validatePayload(StandardAnnouncedV1, part)).not.toThrow();
    expect(part).toMatchObject({ standardVersion: '3', part: 1, parts: 1, outcomeCount: 10 });
    expect(part!.clusters.map((c) => c.id)).toEqual([uuid(1001), uuid(1002)]);
    expect(part!.outcomes[0]).toMatchObject({
      clusterId: uuid(1001),
      credits: 7.5,
      education: ['P1 C1'],
      nkrLevel: 5,
    });
    expect(part!.outcomes[0]).not.toHaveProperty('eqfLevel');
  });

  it('a large one is cut into parts within the byte budget, in order, each naming its own clusters', () => {
    const parts = announcementParts(standard(2000), 64 * 1024);
    expect(parts.length).toBeGreaterThan(4);
    for (const part of parts) {
      expect(Buffer.byteLength(JSON.stringify(part.outcomes))).toBeLessThanOrEqual(
        64 * 1024 + 2000,
      );
      expect(part.parts).toBe(parts.length);
      const clusterIds = new Set(part.clusters.map((c) => c.id));
      for (const o of part.outcomes) expect(clusterIds.has(o.clusterId)).toBe(true);
    }
    const ids = parts.flatMap((p) => p.outcomes.map((o) => o.id));
    expect(ids).toHaveLength(2000);
    expect(new Set(ids).size).toBe(2000);
    expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i + 1));
  });
});
