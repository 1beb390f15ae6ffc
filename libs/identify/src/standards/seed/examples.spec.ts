import type { DataSource } from 'typeorm';
import { EXAMPLE_IDS } from '@balanse/contracts';
import { BATTERY_NEED_ID } from '../../needs/seed/battery';
import { AVDELINGSLEDER_ID, seedStandards } from './avdelingsleder';

/** The API docs' examples (contracts) name the seeded standard; the gateway cannot import the seed. */
describe('example ids in the API docs', () => {
  it('are the seeded standard and its first cluster, area and outcomes', async () => {
    let row: { id: string; clusters: any[] } | undefined;
    const builder = {
      insert: () => builder,
      into: () => builder,
      values: (values: typeof row) => ((row = values), builder),
      orIgnore: () => builder,
      execute: async () => undefined,
    };
    await seedStandards({ createQueryBuilder: () => builder } as unknown as DataSource);

    expect(EXAMPLE_IDS.standard).toBe(AVDELINGSLEDER_ID);
    expect(row!.id).toBe(AVDELINGSLEDER_ID);
    const [cluster] = row!.clusters;
    const [area] = cluster.areas;
    expect({
      cluster: cluster.id,
      area: area.id,
      outcome: area.outcomes[0].id,
      outcome2: area.outcomes[1].id,
    }).toEqual({
      cluster: EXAMPLE_IDS.cluster,
      area: EXAMPLE_IDS.area,
      outcome: EXAMPLE_IDS.outcome,
      outcome2: EXAMPLE_IDS.outcome2,
    });
  });

  it('name the seeded battery-industry need', () => {
    expect(EXAMPLE_IDS.need).toBe(BATTERY_NEED_ID);
  });
});
