import type { DataSource } from 'typeorm';
import type { CreateStandardDto } from '@balanse/contracts';
import { SHARED_TENANT } from '../standard.entity';
import { StandardRepository } from '../standard.repository';
import { buildClusters, stableUuid } from '../standards.service';

/**
 * The worked example from the source slides (Virke, "Balansekunst"): department leader in health
 * and care services (avdelingsleder). Outcome statements in English with the Norwegian cluster
 * and area names; the slides list the 14 competence areas without placing them, so each outcome
 * sits in the area it is about. 3 clusters, 14 areas, 19 learning outcomes.
 */
export const AVDELINGSLEDER: CreateStandardDto = {
  code: 'avdelingsleder-helse-omsorg',
  version: '1.0',
  title: 'Department leader in health and care services (avdelingsleder)',
  nqfLevel: 5,
  sector: 'health-and-care',
  clusters: [
    {
      title: 'Fleksibilitet og rutiner (flexibility and routines)',
      areas: [
        {
          title: 'Forbedringsarbeid (improvement work)',
          outcomes: [
            {
              code: 'FR-1',
              category: 'knowledge',
              statement:
                'Understands how service quality relates to how work is organised, and can make decisions that improve the organisation.',
            },
            {
              code: 'FR-2',
              category: 'skills',
              statement:
                'Can obtain relevant new knowledge and involve staff to secure fitting structures and routines.',
            },
          ],
        },
        {
          title: 'Helsefaglig ekspertise (health expertise)',
          outcomes: [
            {
              code: 'FR-3',
              category: 'general_competence',
              statement:
                'Has up-to-date health expertise to secure service quality and patient safety, and to give good professional guidance to all relevant staff groups.',
            },
          ],
        },
        {
          title: 'Økonomiforståelse (economic understanding)',
          outcomes: [
            {
              code: 'FR-4',
              category: 'knowledge',
              statement:
                'Understands budgets and accounts well enough to prioritise within own mandate, and can build a shared understanding of how everyday actions have economic consequences.',
            },
          ],
        },
        {
          title: 'Lov og regelverk (law and regulations)',
          outcomes: [
            {
              code: 'FR-5',
              category: 'knowledge',
              statement:
                'Understands all laws and regulations for own area of responsibility, and can ensure that all staff work within them and within quality requirements.',
            },
          ],
        },
        {
          title: 'Turnus (rostering)',
          outcomes: [
            {
              code: 'FR-6',
              category: 'knowledge',
              statement:
                "Knows staffing plans, shift rotas (turnus), working-time planning and each employee's competence.",
            },
            {
              code: 'FR-7',
              category: 'skills',
              statement: 'Can secure professionally sound staffing every single day.',
            },
          ],
        },
        {
          title: 'Etikk (ethics)',
          outcomes: [
            {
              code: 'FR-8',
              category: 'general_competence',
              statement:
                "Has basic knowledge of ethics and ethical reflection, and takes responsibility for services that respect each person's dignity.",
            },
          ],
        },
      ],
    },
    {
      title: 'Mennesker og teknologi (people and technology)',
      areas: [
        {
          title: 'Mellommenneskelige relasjoner (interpersonal relations)',
          outcomes: [
            {
              code: 'MT-1',
              category: 'skills',
              statement:
                'Has solid knowledge and skill in building relationships, and can stand in demanding relationships, giving staff, residents and relatives safe cooperation.',
            },
            {
              code: 'MT-2',
              category: 'skills',
              statement: 'Can build good relationships across many cultural traditions.',
            },
          ],
        },
        {
          title: 'Kulturbygging (culture building)',
          outcomes: [
            {
              code: 'MT-3',
              category: 'general_competence',
              statement:
                'Can create shared attitudes and understanding of values, priorities and ways of working, and secure trust and safety in the whole organisation.',
            },
            {
              code: 'MT-4',
              category: 'skills',
              statement: 'Can build teams that work as intended.',
            },
          ],
        },
        {
          title: 'Veiledning (supervision)',
          outcomes: [
            {
              code: 'MT-5',
              category: 'skills',
              statement:
                'Is a skilled, versatile supervisor who adapts supervision to situations and individual needs.',
            },
          ],
        },
        {
          title: 'IKT-forståelse (ICT understanding)',
          outcomes: [
            {
              code: 'MT-6',
              category: 'skills',
              statement:
                'Is confident in the purpose and use of all relevant software (patient, staff, finance, quality, communication), ensures correct use, and can analyse the data for decisions.',
            },
            {
              code: 'MT-7',
              category: 'general_competence',
              statement:
                'Is able and willing to learn new software and technology, and makes the department confident in using it.',
            },
          ],
        },
      ],
    },
    {
      title: 'Tempo og tilstedeværelse (tempo and presence)',
      areas: [
        {
          title: 'Prosessledelse (process leadership)',
          outcomes: [
            {
              code: 'TT-1',
              category: 'skills',
              statement:
                'Can lead processes such as ICT use, competence development, improvement work and conflict handling, involving the right people and taking the decisions needed.',
            },
          ],
        },
        {
          title: 'Møterutiner (meeting routines)',
          outcomes: [
            {
              code: 'TT-2',
              category: 'skills',
              statement:
                'Can plan and run meetings as a results-oriented way of working that improves service quality and builds a positive culture.',
            },
          ],
        },
        {
          title: 'Kommunikasjon (communication)',
          outcomes: [
            {
              code: 'TT-3',
              category: 'knowledge',
              statement:
                'Knows different ways to convey and receive messages, is aware of own communication and listening, to build a shared basis for action.',
            },
          ],
        },
        {
          title: 'Mestre stor kompleksitet (mastering great complexity)',
          outcomes: [
            {
              code: 'TT-4',
              category: 'general_competence',
              statement:
                'Can analyse situations and plan, to prioritise and decide well under high expectations and responsibility for many people and tasks.',
            },
          ],
        },
      ],
    },
  ],
};

export const AVDELINGSLEDER_ID = stableUuid(
  `standard:${AVDELINGSLEDER.code}:${AVDELINGSLEDER.version}`,
);

/** Inserts the seed standard once; later starts leave it as it is. */
export async function seedStandards(dataSource: DataSource): Promise<void> {
  await new StandardRepository(dataSource).insertIfAbsent({
    id: AVDELINGSLEDER_ID,
    tenantId: SHARED_TENANT,
    code: AVDELINGSLEDER.code,
    version: AVDELINGSLEDER.version,
    title: AVDELINGSLEDER.title,
    nqfLevel: AVDELINGSLEDER.nqfLevel ?? null,
    sector: AVDELINGSLEDER.sector ?? null,
    clusters: buildClusters(AVDELINGSLEDER, (path) => stableUuid(`${AVDELINGSLEDER_ID}:${path}`)),
  });
}
