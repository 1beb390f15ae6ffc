import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EXAMPLE_IDS as ID, type RebuildProgress } from '@balanse/contracts';

/** What the statistics service answers: a table after disclosure control (`TableAnswer`). */

class LocalizedView {
  @ApiProperty({ example: 'Saker' }) nb: string;
  @ApiProperty({ example: 'Cases' }) en: string;
}

class StatCategoryView {
  @ApiProperty({ example: 'identify', description: '`total`: the margin over this dimension' })
  id: string;
  @ApiProperty({ type: LocalizedView, example: { nb: 'Identifisere', en: 'Identify' } })
  label: LocalizedView;
}

class StatDimensionView {
  @ApiProperty({ example: 'phase' }) id: string;
  @ApiProperty({ type: LocalizedView, example: { nb: 'fase', en: 'phase' } }) label: LocalizedView;
  @ApiProperty({
    type: [StatCategoryView],
    description: 'in publication order, `total` last',
    example: [
      { id: 'identify', label: { nb: 'Identifisere', en: 'Identify' } },
      { id: 'total', label: { nb: 'I alt', en: 'Total' } },
    ],
  })
  categories: StatCategoryView[];
}

class StatMeasureView {
  @ApiProperty({ example: 'count', description: 'count, p50Days, p90Days, metShare, …' })
  id: string;
  @ApiProperty({ type: LocalizedView, example: { nb: 'Antall saker', en: 'Number of cases' } })
  label: LocalizedView;
  @ApiProperty({
    type: 'object',
    properties: {
      decimals: { type: 'integer' },
      label: { type: 'object', additionalProperties: { type: 'string' } },
    },
    example: { decimals: 0 },
  })
  unit: { decimals: number; label?: LocalizedView };
}

const CELLS_EXAMPLE = [
  { categories: { phase: 'identify' }, values: { count: 14 } },
  { categories: { phase: 'document' }, suppressed: 'k' },
  { categories: { phase: 'total' }, values: { count: 28 } },
];

class StatTableView {
  @ApiProperty({ example: 'cases' }) id: string;
  @ApiProperty({ type: LocalizedView, example: { nb: 'Saker etter fase', en: 'Cases by phase' } })
  title: LocalizedView;
  @ApiProperty({ type: [StatDimensionView] }) dimensions: StatDimensionView[];
  @ApiProperty({ type: [StatMeasureView] }) measures: StatMeasureView[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'every combination of categories once (margins under `total`): `values` per measure (`null`: does not apply, no cases), or `suppressed` with the reason (`k`, `employers`, `dominance`, `secondary`)',
    example: CELLS_EXAMPLE,
  })
  cells: object[];
  @ApiProperty({ format: 'date-time', example: '2026-11-29T06:00:00.000Z' }) updated: string;
  @ApiProperty({
    type: LocalizedView,
    example: { nb: 'Balanse, statistikk', en: 'Balanse, statistics' },
  })
  source: LocalizedView;
  @ApiProperty({
    type: [LocalizedView],
    example: [
      {
        nb: 'Tall under 5 saker … vises ikke (:)',
        en: 'Figures under 5 cases … are not shown (:)',
      },
    ],
  })
  note: LocalizedView[];
}

class RulesView {
  @ApiProperty({ example: 5, description: 'fewest cases a published figure counts' }) k: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 3,
    description: 'fewest employers behind a published figure; null in the own tenant',
  })
  minEmployers: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 0.8,
    description: 'largest share one employer may hold; null in the own tenant',
  })
  dominance: number | null;
}

class RangeView {
  @ApiProperty({ type: 'integer', nullable: true, example: 93 }) min: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 113 }) max: number | null;
}

class NeededView {
  @ApiProperty({ type: 'integer', nullable: true, example: 100 }) peopleMin: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 120 }) peopleMax: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 50 })
  skilledWorkerShareMin: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 80 })
  skilledWorkerShareMax: number | null;
  @ApiProperty({ format: 'date', example: '2030-12-31' }) neededBy: string;
  @ApiProperty({ format: 'uuid', example: ID.standard }) standardId: string;
  @ApiProperty({ example: '86' }) sector: string;
  @ApiProperty({ type: String, nullable: true, example: '42' }) region: string | null;
}

class NeedSummaryView {
  @ApiProperty({ format: 'uuid', example: ID.need }) id: string;
  @ApiProperty({ type: NeededView, description: "the employer's published planning figures" })
  needed: NeededView;
  @ApiProperty({
    type: RangeView,
    nullable: true,
    description:
      'people needed less the published count of cases covering every outcome; null when the table has no `coverage` or that figure is withheld',
  })
  gap: RangeView | null;
}

export class StatisticsTableView {
  @ApiProperty({ type: StatTableView }) table: StatTableView;
  @ApiProperty({ enum: ['all', 'tenant'], example: 'all' }) scope: 'all' | 'tenant';
  @ApiProperty({ type: RulesView }) rules: RulesView;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-29T06:00:00.000Z',
    description: 'when the rollups last took in changes',
  })
  updated: string | null;
  @ApiPropertyOptional({ type: [NeedSummaryView], description: 'the needs table only' })
  needs?: NeedSummaryView[];
}

export const CSV_EXAMPLE =
  'phase,phase_label,count,status\r\nidentify,Identifisere,14,\r\ndocument,Dokumentere,,:\r\ntotal,I alt,28,\r\n';

export const JSON_STAT_EXAMPLE = {
  version: '2.0',
  class: 'dataset',
  label: 'Saker etter fase',
  source: 'Balanse, statistikk',
  updated: '2026-11-29T06:00:00.000Z',
  id: ['phase', 'measure'],
  size: [3, 1],
  role: { metric: ['measure'] },
  dimension: {
    phase: {
      label: 'fase',
      category: {
        index: ['identify', 'document', 'total'],
        label: { identify: 'Identifisere', document: 'Dokumentere', total: 'I alt' },
      },
    },
    measure: {
      label: 'statistikkvariabel',
      category: {
        index: ['count'],
        label: { count: 'Antall saker' },
        unit: { count: { decimals: 0 } },
      },
    },
  },
  value: [14, null, 28],
  status: { '1': ':' },
  extension: { lang: 'nb', tableId: 'cases', suppression: { reason: { '1': 'k' } } },
};

export class RebuildProgressView implements RebuildProgress {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: ID.unknown }) id:
    string | null;
  @ApiProperty({ enum: ['idle', 'running', 'done', 'failed'], example: 'running' })
  state: 'idle' | 'running' | 'done' | 'failed';
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 1000000,
    description: 'cases to roll up',
  })
  total: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 250000 }) done: number | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-29T06:00:00.000Z',
  })
  startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  finishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) error: string | null;
}
