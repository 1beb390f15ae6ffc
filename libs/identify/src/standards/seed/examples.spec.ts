import { EXAMPLE_IDS } from '@balanse/contracts';
import { BATTERY_NEED_ID } from '../../needs/seed/battery';
import { outcomesOf } from '../standard.entity';
import { AVDELINGSLEDER_ID, seedVersion } from './avdelingsleder';

/** The API docs' examples (contracts) name the seeded standard; the gateway cannot import the seed. */
describe('the seeded department-leader standard', () => {
  const { version } = seedVersion();

  it('keeps the ids the API docs name: the standard, its first cluster, area and outcomes', () => {
    expect(EXAMPLE_IDS.standard).toBe(AVDELINGSLEDER_ID);
    const [cluster] = version.clusters;
    const [area] = cluster!.areas;
    expect({
      cluster: cluster!.id,
      area: area!.id,
      outcome: area!.outcomes[0]!.id,
      outcome2: area!.outcomes[1]!.id,
    }).toEqual({
      cluster: EXAMPLE_IDS.cluster,
      area: EXAMPLE_IDS.area,
      outcome: EXAMPLE_IDS.outcome,
      outcome2: EXAMPLE_IDS.outcome2,
    });
  });

  it('has the slides: 3 clusters, 14 competence areas, 19 outcomes, all in bokmål and English', () => {
    const areas = version.clusters.flatMap((c) => c.areas);
    const outcomes = outcomesOf(version);
    expect([version.clusters.length, areas.length, outcomes.length]).toEqual([3, 14, 19]);
    for (const text of [
      version.title,
      ...version.clusters.map((c) => c.title),
      ...areas.map((a) => a.title),
      ...outcomes.map((o) => o.statement),
    ]) {
      expect(text.nb).toBeTruthy();
      expect(text.en).toBeTruthy();
      expect(text.nb).not.toBe(text.en);
    }
    expect(version.clusters.map((c) => c.title.nb)).toEqual([
      'Fleksibilitet og rutiner',
      'Mennesker og teknologi',
      'Tempo og tilstedeværelse',
    ]);
    expect(version.status).toBe('published');
  });

  it('name the seeded battery-industry need', () => {
    expect(EXAMPLE_IDS.need).toBe(BATTERY_NEED_ID);
  });
});
