import type { DataSource } from 'typeorm';
import type { CreateStandardDto } from '@balanse/contracts';
import { SHARED_TENANT } from '../../standards/standard.entity';
import { StandardRepository } from '../../standards/standard.repository';
import { buildClusters, stableUuid } from '../../standards/standards.service';
import { Need } from '../need.entity';

/**
 * The slides' example of a need: the Norwegian battery industry's estimate of 7,000 people,
 * 50-80 % of them skilled workers (fagutdannede). Choices, where the slides are silent:
 * - the standard: the slides name none for batteries, so a small one is seeded beside the
 *   department-leader example: a battery cell production operator at trade-certificate level
 *   (NKR 4; the industrial operator trade, industrioperatørfaget, is where such operators are
 *   trained), its outcomes the common ground of cell production (safety with lithium and
 *   solvents, dry rooms, running and monitoring the line, quality, improvement);
 * - the sector: NACE 27.20, manufacture of batteries and accumulators;
 * - the region: none, since the estimate is for the whole industry, nationally;
 * - by when: 2030-12-31, the horizon such estimates were made for.
 * Every outcome is required (`outcomeIds` null). Shared: every tenant sees it, none changes it.
 */
export const BATTERY_OPERATOR: CreateStandardDto = {
  code: 'battericelleoperator',
  version: '1.0',
  title: 'Battery cell production operator (operatør i battericelleproduksjon)',
  nqfLevel: 4,
  sector: 'battery-production',
  clusters: [
    {
      title: 'Sikkerhet og miljø (health, safety and environment)',
      areas: [
        {
          title: 'Kjemikalier og brann (chemicals and fire)',
          outcomes: [
            {
              code: 'BO-1',
              category: 'knowledge',
              statement:
                'Knows the hazards of lithium-ion cells, electrolyte solvents and electrode powders, and the protective measures and emergency procedures for them.',
            },
            {
              code: 'BO-2',
              category: 'skills',
              statement:
                'Can work safely with hazardous substances, protective equipment and lock-out procedures, and report deviations and near misses.',
            },
          ],
        },
        {
          title: 'Tørrom og renrom (dry and clean rooms)',
          outcomes: [
            {
              code: 'BO-3',
              category: 'skills',
              statement:
                'Can follow the gowning, humidity and contamination rules of dry and clean rooms, and explain why moisture and particles ruin cells.',
            },
          ],
        },
      ],
    },
    {
      title: 'Produksjon og kvalitet (production and quality)',
      areas: [
        {
          title: 'Prosessoperasjon (process operation)',
          outcomes: [
            {
              code: 'BO-4',
              category: 'knowledge',
              statement:
                'Understands the steps of cell production, from electrode coating and calendering through assembly and electrolyte filling to formation and ageing.',
            },
            {
              code: 'BO-5',
              category: 'skills',
              statement:
                'Can start, run, monitor and stop automated production equipment by its procedures, and adjust it within set limits.',
            },
          ],
        },
        {
          title: 'Kvalitet og forbedring (quality and improvement)',
          outcomes: [
            {
              code: 'BO-6',
              category: 'skills',
              statement:
                'Can take and record measurements and samples, read control charts, and stop and report production that is out of specification.',
            },
            {
              code: 'BO-7',
              category: 'general_competence',
              statement:
                'Takes part in continuous improvement and shift handovers, sharing knowledge with colleagues across shifts and cultures.',
            },
          ],
        },
      ],
    },
  ],
};

export const BATTERY_OPERATOR_ID = stableUuid(
  `standard:${BATTERY_OPERATOR.code}:${BATTERY_OPERATOR.version}`,
);
export const BATTERY_NEED_ID = stableUuid('need:battery-industry');

/** The day the seed was written, so that every installation records the same need. */
const SEEDED_AT = new Date('2026-11-29T00:00:00Z');

export const BATTERY_NEED: Need = {
  id: BATTERY_NEED_ID,
  tenantId: SHARED_TENANT,
  title: 'Battery industry in Norway: operators for cell production (the slides, 7,000 people)',
  standardId: BATTERY_OPERATOR_ID,
  standardVersion: 1,
  outcomeIds: null,
  peopleMin: 7000,
  peopleMax: 7000,
  skilledShareMin: 50,
  skilledShareMax: 80,
  sector: '27.20',
  region: null,
  neededBy: '2030-12-31',
  recordedAt: SEEDED_AT,
  updatedAt: SEEDED_AT,
};

/**
 * Seeds the standard and the need once. No `need.recorded` is emitted for it: statistics will
 * read seeded needs as reference data, as it reads the seeded standards.
 */
export async function seedBatteryNeed(dataSource: DataSource): Promise<void> {
  await new StandardRepository(dataSource).insertIfAbsent({
    id: BATTERY_OPERATOR_ID,
    tenantId: SHARED_TENANT,
    code: BATTERY_OPERATOR.code,
    version: BATTERY_OPERATOR.version,
    title: BATTERY_OPERATOR.title,
    nqfLevel: BATTERY_OPERATOR.nqfLevel ?? null,
    sector: BATTERY_OPERATOR.sector ?? null,
    clusters: buildClusters(BATTERY_OPERATOR, (path) =>
      stableUuid(`${BATTERY_OPERATOR_ID}:${path}`),
    ),
  });
  await dataSource
    .createQueryBuilder()
    .insert()
    .into(Need)
    .values(BATTERY_NEED)
    .orIgnore()
    .execute();
}
