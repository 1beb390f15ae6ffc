import type { StatisticsTableId } from '@balanse/contracts';
import type { Localized, StatCategory, StatMeasure } from '../export';

/** Every dimension a table can be broken down by. */
export type DimensionId =
  | 'standard'
  | 'standardVersion'
  | 'phase'
  | 'result'
  | 'sector'
  | 'region'
  | 'month'
  | 'need'
  | 'tenant'
  | 'outcome'
  | 'coverage'
  | 'event';

/** How the categories of a dimension whose values come from the rows are labelled. */
export type LabelSource = 'standard' | 'version' | 'outcome' | 'need' | 'region' | 'code';

export interface DimensionSpec {
  id: DimensionId;
  label: Localized;
  /** The rollup column, or an expression over its columns: ours, never the caller's input. */
  column: string;
  /** Fixed categories in publication order; without them the categories are the values in scope. */
  fixed?: readonly StatCategory[];
  labels?: LabelSource;
}

export type Rollup =
  'stat_cases' | 'stat_lead_times' | 'stat_outcomes' | 'stat_supply' | 'stat_credentials';

export interface TableSpec {
  id: StatisticsTableId;
  title: Localized;
  rollup: Rollup;
  /** Always the first dimension; `by` adds others. */
  leading?: DimensionId;
  /** `by` when the query has none. */
  defaultBy: readonly DimensionId[];
  /** What `by` may name (besides the leading one). */
  dimensions: readonly DimensionId[];
  /** `count` first; the others are measures of the cell's cases (withheld with it). */
  measures: readonly StatMeasure[];
}

const cat = (id: string, nb: string, en: string): StatCategory => ({ id, label: { nb, en } });

export const PHASES = [
  cat('identify', 'Identifisere', 'Identify'),
  cat('document', 'Dokumentere', 'Document'),
  cat('assess', 'Vurdere', 'Assess'),
  cat('certify', 'Sertifisere', 'Certify'),
];

/** Category id of the '' a rollup holds for an unknown value. */
export const UNKNOWN = 'unknown';
/** Category id of each dimension's margin. */
export const TOTAL = 'total';
export const TOTAL_LABEL: Localized = { nb: 'I alt', en: 'Total' };

const DIMENSIONS: Record<DimensionId, DimensionSpec> = {
  standard: {
    id: 'standard',
    label: { nb: 'standard', en: 'standard' },
    column: 'standard_id',
    labels: 'standard',
  },
  standardVersion: {
    id: 'standardVersion',
    label: { nb: 'versjon av standarden', en: 'version of the standard' },
    column: 'standard_version',
    labels: 'version',
  },
  phase: {
    id: 'phase',
    label: { nb: 'fase', en: 'phase' },
    column: 'phase',
    fixed: [...PHASES, cat('completed', 'Fullført', 'Completed')],
  },
  result: {
    id: 'result',
    label: { nb: 'resultat', en: 'result' },
    // Cases: '' while open.
    column: `CASE WHEN result = '' THEN 'open' ELSE result END`,
    fixed: [
      cat('certified', 'Sertifisert', 'Certified'),
      cat('partial', 'Delvis sertifisert', 'Partly certified'),
      cat('not_certified', 'Ikke sertifisert', 'Not certified'),
      cat('open', 'Ikke avsluttet', 'Open'),
    ],
  },
  sector: {
    id: 'sector',
    label: { nb: 'næring', en: 'industry' },
    column: 'sector',
    labels: 'code',
  },
  region: {
    id: 'region',
    label: { nb: 'fylke', en: 'county' },
    column: 'region',
    labels: 'region',
  },
  month: { id: 'month', label: { nb: 'måned', en: 'month' }, column: 'month', labels: 'code' },
  need: {
    id: 'need',
    label: { nb: 'kompetansebehov', en: 'competence need' },
    column: 'need_id',
    labels: 'need',
  },
  tenant: {
    id: 'tenant',
    label: { nb: 'virksomhet', en: 'organisation' },
    column: 'tenant_id',
    labels: 'code',
  },
  outcome: {
    id: 'outcome',
    label: { nb: 'læringsutbytte', en: 'learning outcome' },
    column: 'outcome_id::text',
    labels: 'outcome',
  },
  coverage: {
    id: 'coverage',
    label: { nb: 'dekning', en: 'coverage' },
    column: 'coverage',
    fixed: [
      cat('full', 'Dekker alle læringsutbyttene', 'Covers every outcome'),
      cat('partial', 'Dekker noen av læringsutbyttene', 'Covers some of the outcomes'),
    ],
  },
  event: {
    id: 'event',
    label: { nb: 'hendelse', en: 'event' },
    column: 'event',
    fixed: [cat('issued', 'Utstedt', 'Issued'), cat('revoked', 'Tilbakekalt', 'Revoked')],
  },
};

/**
 * Lead times are per phase, and end to end (the rollup's phase `total`, here `endToEnd`: `total`
 * is every dimension's margin).
 */
const LEAD_TIME_PHASES: DimensionSpec = {
  ...DIMENSIONS.phase,
  column: `CASE WHEN phase = 'total' THEN 'endToEnd' ELSE phase END`,
  fixed: [...PHASES, cat('endToEnd', 'Hele løpet', 'End to end')],
};

/** Credentials are issued certified or partly certified. */
const CREDENTIAL_RESULT: DimensionSpec = {
  ...DIMENSIONS.result,
  column: 'result',
  fixed: DIMENSIONS.result.fixed!.slice(0, 2),
};

const count = (nb: string, en: string): StatMeasure => ({
  id: 'count',
  label: { nb, en },
  unit: { decimals: 0 },
});
const DAYS = { nb: 'dager', en: 'days' };
const SHARE = { nb: 'andel (0-1)', en: 'share (0-1)' };
const share = (id: string, nb: string, en: string): StatMeasure => ({
  id,
  label: { nb, en },
  unit: { decimals: 3, label: SHARE },
});

/** The base dimensions every rollup has. */
const BASE: readonly DimensionId[] = [
  'standard',
  'standardVersion',
  'sector',
  'region',
  'month',
  'need',
  'tenant',
];

export const TABLES: Record<StatisticsTableId, TableSpec> = {
  cases: {
    id: 'cases',
    title: { nb: 'Saker', en: 'Cases' },
    rollup: 'stat_cases',
    defaultBy: ['phase'],
    dimensions: ['phase', 'result', ...BASE],
    measures: [count('Antall saker', 'Number of cases')],
  },
  'lead-times': {
    id: 'lead-times',
    title: { nb: 'Behandlingstid', en: 'Lead times' },
    rollup: 'stat_lead_times',
    leading: 'phase',
    defaultBy: [],
    dimensions: BASE,
    measures: [
      count('Saker som har fullført fasen', 'Cases that completed the phase'),
      { id: 'p50Days', label: { nb: 'Median', en: 'Median' }, unit: { decimals: 0, label: DAYS } },
      {
        id: 'p90Days',
        label: { nb: '90-persentil', en: '90th percentile' },
        unit: { decimals: 0, label: DAYS },
      },
    ],
  },
  outcomes: {
    id: 'outcomes',
    title: { nb: 'Vurdering per læringsutbytte', en: 'Judgements per learning outcome' },
    rollup: 'stat_outcomes',
    leading: 'outcome',
    defaultBy: [],
    dimensions: BASE,
    measures: [
      count('Antall vurderinger', 'Number of judgements'),
      share('metShare', 'Andel oppnådd', 'Share met'),
      share('partlyMetShare', 'Andel delvis oppnådd', 'Share partly met'),
      share('notMetShare', 'Andel ikke oppnådd', 'Share not met'),
    ],
  },
  needs: {
    id: 'needs',
    title: { nb: 'Kompetansebehov og dekning', en: 'Competence needs and their coverage' },
    rollup: 'stat_supply',
    leading: 'need',
    defaultBy: ['coverage'],
    dimensions: ['coverage', 'region', 'month'],
    measures: [
      count(
        'Saker som dekker behovets læringsutbytter',
        "Cases that cover the need's learning outcomes",
      ),
    ],
  },
  credentials: {
    id: 'credentials',
    title: { nb: 'Kompetansebevis', en: 'Credentials' },
    rollup: 'stat_credentials',
    leading: 'event',
    defaultBy: [],
    dimensions: ['result', ...BASE],
    measures: [count('Antall kompetansebevis', 'Number of credentials')],
  },
};

/** A dimension as `table` has it. */
export function dimensionOf(table: TableSpec, id: DimensionId): DimensionSpec {
  if (table.id === 'lead-times' && id === 'phase') return LEAD_TIME_PHASES;
  if (table.id === 'credentials' && id === 'result') return CREDENTIAL_RESULT;
  return DIMENSIONS[id];
}

/** The most dimensions `by` may add to the leading one, and the most cells (totals included). */
export const MAX_BY = 3;
export const MAX_CELLS = 5000;
