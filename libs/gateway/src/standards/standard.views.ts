import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EXAMPLE_IDS as ID, OUTCOME_CATEGORIES, type OutcomeCategory } from '@balanse/contracts';
import { PageView } from '../openapi/api-paging';

/** What identify answers about standards (its `summary`, `versionSummary` and `standardView`). */

const STATUSES = ['draft', 'published', 'superseded'] as const;
const STATUS_MEANING =
  'draft: may change (PATCH); published: immutable, what cases get by default; superseded: a newer version is published';

const EXTENSIONS = {
  type: 'object',
  additionalProperties: true,
  description:
    'what an exchange format says that the model has no field for (`case`: CASE properties kept by an import); written back on export',
  example: { case: { CFItemType: 'Domain' } },
} as const;

class TextView {
  @ApiProperty({ example: 'Avdelingsleder i helse- og omsorgstjenestene', description: 'bokmål' })
  nb: string;
  @ApiProperty({ example: 'Department leader in health and care services', description: 'English' })
  en: string;
}

class OwnerView {
  @ApiProperty({ example: 'Virke' }) name: string;
  @ApiPropertyOptional({ example: '982974011' }) orgNumber?: string;
}

/** What a standard is called and where it sits; both answers below start with this. */
class StandardHead {
  @ApiProperty({ format: 'uuid', example: ID.standard }) id: string;
  @ApiProperty({ example: 'avdelingsleder-helse-omsorg' }) code: string;
  @ApiProperty({ example: 1, description: 'the version number, from 1' }) version: number;
  @ApiProperty({ enum: STATUSES, example: 'published', description: STATUS_MEANING })
  status: (typeof STATUSES)[number];
  @ApiProperty({ type: TextView }) title: TextView;
  @ApiProperty({
    type: OwnerView,
    nullable: true,
    description: 'the owner organisation; null on standards made before owners were recorded',
  })
  owner: OwnerView | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 5, description: 'NKR/EQF level' })
  nqfLevel: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'health-and-care' })
  sector: string | null;
  @ApiProperty({ example: true, description: 'seeded for every tenant, not created by this one' })
  shared: boolean;
}

export class StandardSummaryView extends StandardHead {
  @ApiProperty({ example: 19 }) outcomeCount: number;
}

export const StandardSummaryPageView = PageView(StandardSummaryView, 'StandardSummaryPage');

export class StandardVersionSummaryView {
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ enum: STATUSES, example: 'published', description: STATUS_MEANING })
  status: (typeof STATUSES)[number];
  @ApiProperty({ type: TextView }) title: TextView;
  @ApiProperty({ example: 19 }) outcomeCount: number;
  @ApiProperty({ format: 'date-time', example: '2025-01-06T08:00:00.000Z' }) createdAt: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2025-01-07T08:00:00.000Z',
  })
  publishedAt: string | null;
}

export const StandardVersionPageView = PageView(StandardVersionSummaryView, 'StandardVersionPage');

class EducationLinkView {
  @ApiPropertyOptional({ example: 'FHS-LEDELSE' }) programme?: string;
  @ApiPropertyOptional({ example: 'LED101' }) course?: string;
  @ApiPropertyOptional({ example: 7.5 }) credits?: number;
  @ApiPropertyOptional({ example: 'Kandidaten kan lede endringsprosesser' })
  curriculumAim?: string;
}

export class OutcomeView {
  @ApiProperty({ format: 'uuid', example: ID.outcome }) id: string;
  @ApiProperty({ example: 'FR-1' }) code: string;
  @ApiProperty({
    type: TextView,
    example: {
      nb: 'Forstår sammenhenger mellom tjenestekvalitet og organisering av arbeidet og kan ta beslutninger som skaper forbedringer i organisasjonen.',
      en: 'Understands how service quality relates to how work is organised, and can make decisions that improve the organisation.',
    },
  })
  statement: TextView;
  @ApiProperty({ enum: OUTCOME_CATEGORIES, example: 'knowledge' }) category: OutcomeCategory;
  @ApiProperty({ example: false }) mandatory: boolean;
  @ApiProperty({ type: 'integer', nullable: true, example: 5, description: 'NKR level 1-8' })
  nkrLevel: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 5,
    description: 'the EQF level the NKR level is referenced to',
  })
  eqfLevel: number | null;
  @ApiProperty({ type: [String], example: [], description: 'ESCO skill URIs' })
  escoSkills: string[];
  @ApiProperty({ type: [EducationLinkView], example: [] }) education: EducationLinkView[];
  @ApiPropertyOptional({ type: TextView }) description?: TextView;
  @ApiPropertyOptional(EXTENSIONS) extensions?: Record<string, unknown>;
}

export class AreaView {
  @ApiProperty({ format: 'uuid', example: ID.area }) id: string;
  @ApiPropertyOptional({ example: 'A2' }) code?: string;
  @ApiProperty({ type: TextView, example: { nb: 'Forbedringsarbeid', en: 'Improvement work' } })
  title: TextView;
  @ApiPropertyOptional({ type: TextView }) description?: TextView;
  @ApiProperty({ type: [OutcomeView] }) outcomes: OutcomeView[];
  @ApiPropertyOptional({
    type: () => [AreaView],
    example: [],
    description: 'areas within this area, where the standard is deeper (imported frameworks)',
  })
  areas?: AreaView[];
  @ApiPropertyOptional(EXTENSIONS) extensions?: Record<string, unknown>;
}

export class ClusterView {
  @ApiProperty({ format: 'uuid', example: ID.cluster }) id: string;
  @ApiProperty({
    type: TextView,
    example: { nb: 'Fleksibilitet og rutiner', en: 'Flexibility and routines' },
  })
  title: TextView;
  @ApiPropertyOptional({ example: 'K1' }) code?: string;
  @ApiPropertyOptional({ type: TextView }) description?: TextView;
  @ApiProperty({ type: [AreaView] }) areas: AreaView[];
  @ApiPropertyOptional(EXTENSIONS) extensions?: Record<string, unknown>;
}

export class StandardView extends StandardHead {
  @ApiProperty({ type: TextView, nullable: true }) description: TextView | null;
  @ApiProperty({
    type: [ClusterView],
    description: 'clusters → competence areas (which may hold areas) → outcomes',
  })
  clusters: ClusterView[];
  @ApiProperty({ example: 19 }) outcomeCount: number;
  @ApiPropertyOptional(EXTENSIONS) extensions?: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', example: '2025-01-06T08:00:00.000Z' }) createdAt: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2025-01-07T08:00:00.000Z',
    description: 'when the version was published; null for a draft',
  })
  publishedAt: string | null;
}
