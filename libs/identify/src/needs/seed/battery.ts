import type { DataSource } from 'typeorm';
import type { CreateStandardDto } from '@balanse/contracts';
import { seedStandards } from '../../standards/seed/avdelingsleder';
import { SHARED_TENANT } from '../../standards/standard.entity';
import { stableUuid } from '../../standards/standards.service';
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
  title: { nb: 'Operatør i battericelleproduksjon', en: 'Battery cell production operator' },
  owner: { name: 'Balanse (eksempel / example)' },
  nqfLevel: 4,
  sector: 'battery-production',
  clusters: [
    {
      title: { nb: 'Sikkerhet og miljø', en: 'Health, safety and environment' },
      areas: [
        {
          title: { nb: 'Kjemikalier og brann', en: 'Chemicals and fire' },
          outcomes: [
            {
              code: 'BO-1',
              category: 'knowledge',
              statement: {
                nb: 'Kjenner farene ved litiumionceller, løsemidler i elektrolytt og elektrodepulver, og vernetiltakene og beredskapsrutinene for dem.',
                en: 'Knows the hazards of lithium-ion cells, electrolyte solvents and electrode powders, and the protective measures and emergency procedures for them.',
              },
            },
            {
              code: 'BO-2',
              category: 'skills',
              statement: {
                nb: 'Kan arbeide sikkert med farlige stoffer, verneutstyr og utkoblingsrutiner, og melde avvik og nestenulykker.',
                en: 'Can work safely with hazardous substances, protective equipment and lock-out procedures, and report deviations and near misses.',
              },
            },
          ],
        },
        {
          title: { nb: 'Tørrom og renrom', en: 'Dry and clean rooms' },
          outcomes: [
            {
              code: 'BO-3',
              category: 'skills',
              statement: {
                nb: 'Kan følge reglene for påkledning, fuktighet og forurensning i tørrom og renrom, og forklare hvorfor fukt og partikler ødelegger celler.',
                en: 'Can follow the gowning, humidity and contamination rules of dry and clean rooms, and explain why moisture and particles ruin cells.',
              },
            },
          ],
        },
      ],
    },
    {
      title: { nb: 'Produksjon og kvalitet', en: 'Production and quality' },
      areas: [
        {
          title: { nb: 'Prosessoperasjon', en: 'Process operation' },
          outcomes: [
            {
              code: 'BO-4',
              category: 'knowledge',
              statement: {
                nb: 'Forstår trinnene i celleproduksjonen, fra belegging og kalandrering av elektroder via montering og elektrolyttfylling til formering og lagring.',
                en: 'Understands the steps of cell production, from electrode coating and calendering through assembly and electrolyte filling to formation and ageing.',
              },
            },
            {
              code: 'BO-5',
              category: 'skills',
              statement: {
                nb: 'Kan starte, kjøre, overvåke og stoppe automatisert produksjonsutstyr etter prosedyrene, og justere det innenfor fastsatte grenser.',
                en: 'Can start, run, monitor and stop automated production equipment by its procedures, and adjust it within set limits.',
              },
            },
          ],
        },
        {
          title: { nb: 'Kvalitet og forbedring', en: 'Quality and improvement' },
          outcomes: [
            {
              code: 'BO-6',
              category: 'skills',
              statement: {
                nb: 'Kan ta og registrere målinger og prøver, lese kontrollkort, og stoppe og melde produksjon som er utenfor spesifikasjon.',
                en: 'Can take and record measurements and samples, read control charts, and stop and report production that is out of specification.',
              },
            },
            {
              code: 'BO-7',
              category: 'general_competence',
              statement: {
                nb: 'Deltar i kontinuerlig forbedring og skiftoverlevering, og deler kunnskap med kolleger på tvers av skift og kulturer.',
                en: 'Takes part in continuous improvement and shift handovers, sharing knowledge with colleagues across shifts and cultures.',
              },
            },
          ],
        },
      ],
    },
  ],
};

/** Derived like the department-leader standard's, from the code and the label `1.0`. */
export const BATTERY_OPERATOR_ID = stableUuid(`standard:${BATTERY_OPERATOR.code}:1.0`);
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
 * Seeds the standard (published version 1, rewritten at each start like the other seed) and the
 * need once. No `need.recorded` is emitted for it: statistics will
 * read seeded needs as reference data, as it reads the seeded standards.
 */
export async function seedBatteryNeed(dataSource: DataSource): Promise<void> {
  await seedStandards(dataSource, BATTERY_OPERATOR, BATTERY_OPERATOR_ID);
  await dataSource
    .createQueryBuilder()
    .insert()
    .into(Need)
    .values(BATTERY_NEED)
    .orIgnore()
    .execute();
}
