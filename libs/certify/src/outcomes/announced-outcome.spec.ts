import type { AnnouncedStandard } from '../standards/announced-standards';
import { announcedOutcomeView } from './announced-outcome';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const cluster = { id: uuid(9), code: 'A', title: { nb: 'Ledelse', en: 'Leadership' } };
const standard: AnnouncedStandard = {
  standardId: uuid(1),
  version: '2',
  code: 'AVDLEDER',
  title: { nb: 'Avdelingsleder', en: 'Department leader' },
  clusters: new Map([[cluster.id, cluster]]),
  outcomes: [
    {
      id: uuid(2),
      code: 'K1',
      statement: { nb: 'Kan lede', en: 'Can lead' },
      category: 'skills',
      clusterId: cluster.id,
      nkrLevel: 5,
      escoSkills: ['http://data.europa.eu/esco/skill/abc'],
      credits: 7.5,
      education: ['LED101'],
    },
  ],
};

describe('the public outcome view', () => {
  it('shows the outcome, its cluster and standard; not what a credential alone needs', () => {
    expect(announcedOutcomeView(standard, uuid(2))).toEqual({
      standard: { id: uuid(1), code: 'AVDLEDER', version: '2', title: standard.title },
      outcome: {
        id: uuid(2),
        code: 'K1',
        statement: { nb: 'Kan lede', en: 'Can lead' },
        category: 'skills',
        cluster,
        nkrLevel: 5,
        escoSkills: ['http://data.europa.eu/esco/skill/abc'],
      },
    });
  });

  it('answers undefined for an outcome the version does not have', () => {
    expect(announcedOutcomeView(standard, uuid(3))).toBeUndefined();
  });
});
