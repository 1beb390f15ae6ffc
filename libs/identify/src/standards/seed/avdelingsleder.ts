import type { DataSource } from 'typeorm';
import type { CreateStandardDto } from '@balanse/contracts';
import { SHARED_TENANT } from '../standard.entity';
import { StandardRepository } from '../standard.repository';
import { stableUuid } from '../standards.service';
import { buildClusters, NO_IDS } from '../standard-tree';

/**
 * The worked example from the source slides (Virke, "Balansekunst"): department leader in health
 * and care services (avdelingsleder). The bokmål statements are the slides' own, the English
 * ones `shared/docs/domain.md`'s; the slides list the 14 competence areas without placing them,
 * so each outcome sits in the area it is about. 3 clusters, 14 areas, 19 learning outcomes.
 */
export const AVDELINGSLEDER: CreateStandardDto = {
  code: 'avdelingsleder-helse-omsorg',
  title: {
    nb: 'Avdelingsleder i helse- og omsorgstjenestene',
    en: 'Department leader in health and care services',
  },
  description: {
    nb: 'Kompetansestandard fra Balansemodellen: kompetanse bygget i arbeidslivet, beskrevet som læringsutbytte (kunnskap, ferdigheter, generell kompetanse).',
    en: 'Competence standard from the balance model (Balansemodellen): competence built in working life, described as learning outcomes (knowledge, skills, general competence).',
  },
  owner: { name: 'Virke' },
  nqfLevel: 5,
  sector: 'health-and-care',
  clusters: [
    {
      title: { nb: 'Fleksibilitet og rutiner', en: 'Flexibility and routines' },
      areas: [
        {
          title: { nb: 'Forbedringsarbeid', en: 'Improvement work' },
          outcomes: [
            {
              code: 'FR-1',
              category: 'knowledge',
              statement: {
                nb: 'Forstår sammenhenger mellom tjenestekvalitet og organisering av arbeidet og kan ta beslutninger som skaper forbedringer i organisasjonen.',
                en: 'Understands how service quality relates to how work is organised, and can make decisions that improve the organisation.',
              },
            },
            {
              code: 'FR-2',
              category: 'skills',
              statement: {
                nb: 'Kan innhente ny relevant kunnskap og involvere de ansatte for å sikre hensiktsmessige strukturer og rutiner.',
                en: 'Can obtain relevant new knowledge and involve staff to secure fitting structures and routines.',
              },
            },
          ],
        },
        {
          title: { nb: 'Helsefaglig ekspertise', en: 'Health expertise' },
          outcomes: [
            {
              code: 'FR-3',
              category: 'general_competence',
              statement: {
                nb: 'Har oppdatert kunnskap og relevant helsefaglig ekspertise for å sikre kvalitet på tjenestene, pasientsikkerhet og gi god helsefaglig veiledning til alle relevante yrkesgrupper.',
                en: 'Has up-to-date health expertise to secure service quality and patient safety, and to give good professional guidance to all relevant staff groups.',
              },
            },
          ],
        },
        {
          title: { nb: 'Økonomiforståelse', en: 'Economic understanding' },
          outcomes: [
            {
              code: 'FR-4',
              category: 'knowledge',
              statement: {
                nb: 'Har tilstrekkelig forståelse av budsjett og regnskap for å gjøre de riktige prioriteringene innenfor eget handlingsrom, og kan skape en felles forståelse blant medarbeiderne for sammenhengen mellom handlinger i hverdagen og økonomiske konsekvenser.',
                en: 'Understands budgets and accounts well enough to prioritise within own mandate, and can build a shared understanding of how everyday actions have economic consequences.',
              },
            },
          ],
        },
        {
          title: { nb: 'Lov og regelverk', en: 'Law and regulations' },
          outcomes: [
            {
              code: 'FR-5',
              category: 'knowledge',
              statement: {
                nb: 'Forstår innhold og konsekvenser i alle lover og regelverk som gjelder for eget ansvarsområde, og kan sikre at alle medarbeiderne utfører jobben i tråd med relevante juridiske bestemmelser og gjeldende kvalitetsbestemmelser.',
                en: 'Understands all laws and regulations for own area of responsibility, and can ensure that all staff work within them and within quality requirements.',
              },
            },
          ],
        },
        {
          title: { nb: 'Turnus', en: 'Rostering' },
          outcomes: [
            {
              code: 'FR-6',
              category: 'knowledge',
              statement: {
                nb: 'Har kunnskap om bemanningsplan, turnusarbeid, arbeidstidsplanlegging og den enkelte medarbeiders kompetanse.',
                en: "Knows staffing plans, shift rotas (turnus), working-time planning and each employee's competence.",
              },
            },
            {
              code: 'FR-7',
              category: 'skills',
              statement: {
                nb: 'Kan sikre faglig forsvarlighet i bemanningen hver eneste dag.',
                en: 'Can secure professionally sound staffing every single day.',
              },
            },
          ],
        },
        {
          title: { nb: 'Etikk', en: 'Ethics' },
          outcomes: [
            {
              code: 'FR-8',
              category: 'general_competence',
              statement: {
                nb: 'Har grunnleggende kunnskap om etikk og etisk refleksjon, og kan ta ansvar for at tjenestene utføres i respekt for det enkelte individs menneskeverd.',
                en: "Has basic knowledge of ethics and ethical reflection, and takes responsibility for services that respect each person's dignity.",
              },
            },
          ],
        },
      ],
    },
    {
      title: { nb: 'Mennesker og teknologi', en: 'People and technology' },
      areas: [
        {
          title: { nb: 'Mellommenneskelige relasjoner', en: 'Interpersonal relations' },
          outcomes: [
            {
              code: 'MT-1',
              category: 'skills',
              statement: {
                nb: 'Har solid kunnskap og ferdigheter i relasjonsbygging, god forståelse av relasjoner og har evne til å stå i krevende relasjoner, for å sikre forståelse av egen rolle, og gi trygge samarbeidsforhold for ansatte, beboere og pårørende.',
                en: 'Has solid knowledge and skill in building relationships, and can stand in demanding relationships, giving staff, residents and relatives safe cooperation.',
              },
            },
            {
              code: 'MT-2',
              category: 'skills',
              statement: {
                nb: 'Kan bygge gode relasjoner i et mangfold av kulturelle tradisjoner.',
                en: 'Can build good relationships across many cultural traditions.',
              },
            },
          ],
        },
        {
          title: { nb: 'Kulturbygging', en: 'Culture building' },
          outcomes: [
            {
              code: 'MT-3',
              category: 'general_competence',
              statement: {
                nb: 'Har evne til å skape felles holdninger og forståelse for verdigrunnlag, prioriteringer og samarbeidsformer, og sikre grunnleggende tillit og trygghet i hele organisasjonen.',
                en: 'Can create shared attitudes and understanding of values, priorities and ways of working, and secure trust and safety in the whole organisation.',
              },
            },
            {
              code: 'MT-4',
              category: 'skills',
              statement: {
                nb: 'Kan bygge gode team som fungerer etter hensikten for å løse oppgaver på en best mulig måte.',
                en: 'Can build teams that work as intended.',
              },
            },
          ],
        },
        {
          title: { nb: 'Veiledning', en: 'Supervision' },
          outcomes: [
            {
              code: 'MT-5',
              category: 'skills',
              statement: {
                nb: 'Være en dyktig og allsidig veileder, og kunne tilpasse veiledningen til ulike situasjoner og til individuelle behov.',
                en: 'Is a skilled, versatile supervisor who adapts supervision to situations and individual needs.',
              },
            },
          ],
        },
        {
          title: { nb: 'IKT-forståelse', en: 'ICT understanding' },
          outcomes: [
            {
              code: 'MT-6',
              category: 'skills',
              statement: {
                nb: 'Være trygg på hensikt og bruksområde av alle aktuelle dataprogrammer for pasient, personal, økonomi, kvalitet og kommunikasjon, sikre riktig bruk av programmene og kunne analysere dataene som grunnlag for beslutninger.',
                en: 'Is confident in the purpose and use of all relevant software (patient, staff, finance, quality, communication), ensures correct use, and can analyse the data for decisions.',
              },
            },
            {
              code: 'MT-7',
              category: 'general_competence',
              statement: {
                nb: 'Ha evne og vilje til å sette seg inn i nye dataprogram og teknologiske løsninger, og skape trygghet for bruk av disse i avdelingen.',
                en: 'Is able and willing to learn new software and technology, and makes the department confident in using it.',
              },
            },
          ],
        },
      ],
    },
    {
      title: { nb: 'Tempo og tilstedeværelse', en: 'Tempo and presence' },
      areas: [
        {
          title: { nb: 'Prosessledelse', en: 'Process leadership' },
          outcomes: [
            {
              code: 'TT-1',
              category: 'skills',
              statement: {
                nb: 'Har kunnskap og forståelse til å lede prosesser på ulike områder, som IKT-bruk, kompetanseutvikling, forbedringsarbeid og konflikthåndtering, involvere alle relevante på en god måte og ta nødvendige beslutninger for å oppnå optimale resultater.',
                en: 'Can lead processes such as ICT use, competence development, improvement work and conflict handling, involving the right people and taking the decisions needed.',
              },
            },
          ],
        },
        {
          title: { nb: 'Møterutiner', en: 'Meeting routines' },
          outcomes: [
            {
              code: 'TT-2',
              category: 'skills',
              statement: {
                nb: 'Kan ta ansvar for planlegging og gjennomføring av møter slik at dette blir en resultatrettet arbeidsform som gir nødvendige bidrag til kvaliteten i tjenestene og positiv kulturbygging.',
                en: 'Can plan and run meetings as a results-oriented way of working that improves service quality and builds a positive culture.',
              },
            },
          ],
        },
        {
          title: { nb: 'Kommunikasjon', en: 'Communication' },
          outcomes: [
            {
              code: 'TT-3',
              category: 'knowledge',
              statement: {
                nb: 'Har kunnskap og forståelse av ulike måter å formidle og ta i mot budskap. Har bevissthet om egen kommunikasjonsferdighet og evne til å lytte for å skape et felles grunnlag for videre handling og tenkning.',
                en: 'Knows different ways to convey and receive messages, is aware of own communication and listening, to build a shared basis for action.',
              },
            },
          ],
        },
        {
          title: { nb: 'Mestre stor kompleksitet', en: 'Mastering great complexity' },
          outcomes: [
            {
              code: 'TT-4',
              category: 'general_competence',
              statement: {
                nb: 'Må ha god evne til å analysere situasjoner og planlegge for å gjøre riktige prioriteringer og beslutninger i en hverdag preget av høyt forventningspress og ansvar for et mangfold av mennesker og oppgaver.',
                en: 'Can analyse situations and plan, to prioritise and decide well under high expectations and responsibility for many people and tasks.',
              },
            },
          ],
        },
      ],
    },
  ],
};

/** Ids were derived from the code and the version label `1.0` before versions were numbered; they stay. */
export const AVDELINGSLEDER_ID = stableUuid(`standard:${AVDELINGSLEDER.code}:1.0`);

/** The seed's version 1 as stored: every id derived from the standard's, the same everywhere. */
export function seedVersion(dto: CreateStandardDto = AVDELINGSLEDER, id = AVDELINGSLEDER_ID) {
  const { code, clusters, ...content } = dto;
  return {
    standard: { id, tenantId: SHARED_TENANT, code },
    version: {
      standardId: id,
      version: 1,
      tenantId: SHARED_TENANT,
      status: 'published' as const,
      title: content.title,
      description: content.description ?? null,
      owner: content.owner,
      nqfLevel: content.nqfLevel ?? null,
      sector: content.sector ?? null,
      clusters: buildClusters(clusters, NO_IDS, (path) => stableUuid(`${id}:${path}`)),
    },
  };
}

/**
 * Writes a seed standard (shared by every tenant), published as version 1, at every start. Its
 * content is rewritten each time (the same ids and statements): an installation that had it in
 * English only gets the bokmål text this way; nothing else ever changes a published version.
 */
export async function seedStandards(
  dataSource: DataSource,
  dto: CreateStandardDto = AVDELINGSLEDER,
  id = AVDELINGSLEDER_ID,
): Promise<void> {
  const { standard, version } = seedVersion(dto, id);
  await new StandardRepository(dataSource).upsertSeed(standard, version);
}
