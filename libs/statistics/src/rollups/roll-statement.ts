/**
 * The roller's one statement: takes up to $1 dirty cases (skipping rows a consumer is writing),
 * derives each one's contribution from its facts as locked (`batch`: the latest version of each
 * row, where the statement's snapshot could hold an older one), subtracts what the rollups
 * hold of it (`case_rolled`, read from the statement's snapshot), adds the new contribution,
 * keeps that as `case_rolled`, and clears the dirty flags: one round trip per batch, all or
 * nothing. Answers the number of cases taken.
 */

/** Whole days from a to b, never negative (clocks of two services may disagree a little). */
const days = (a: string, b: string) =>
  `CASE WHEN ${a} IS NOT NULL AND ${b} IS NOT NULL
     THEN GREATEST(0, floor(extract(epoch FROM ${b} - ${a}) / 86400))::int END`;
const month = (t: string) => `to_char(${t} AT TIME ZONE 'UTC', 'YYYY-MM')`;

/** When the case ended: the decision for not_certified, the credential otherwise. */
const completedAt = `CASE f.result WHEN 'not_certified' THEN f.assessed_at
  WHEN 'certified' THEN f.certified_at WHEN 'partial' THEN f.certified_at END`;

/**
 * Coverage of a need: `full` when the case met every outcome the need requires (every outcome
 * of the standard when it names none: a certified case), `partial` when it met some.
 */
const coverage = `CASE
  WHEN nf.need_id IS NULL OR COALESCE(f.result, '') NOT IN ('certified', 'partial') THEN NULL
  WHEN nf.outcome_ids IS NULL THEN CASE WHEN f.result = 'certified' THEN 'full' ELSE 'partial' END
  WHEN nf.outcome_ids <@ COALESCE(f.met, '{}') THEN 'full'
  WHEN nf.outcome_ids && COALESCE(f.met, '{}') THEN 'partial' END`;

const CONTRIBUTION = `
  SELECT f.case_id, f.tenant_id, f.standard_id::text AS standard_id,
    COALESCE(f.standard_version, '') AS standard_version, COALESCE(f.sector, '') AS sector,
    COALESCE(f.region, '') AS region, COALESCE(f.need_id::text, '') AS need_id,
    ${month('f.opened_at')} AS month,
    CASE WHEN f.result IS NOT NULL THEN 'completed' WHEN f.assessed_at IS NOT NULL THEN 'certify'
      WHEN f.documented_at IS NOT NULL THEN 'assess' WHEN f.identified_at IS NOT NULL THEN 'document'
      ELSE 'identify' END AS phase,
    COALESCE(f.result, '') AS result,
    ${days('f.opened_at', 'f.identified_at')} AS identify_days,
    ${days('f.identified_at', 'f.documented_at')} AS document_days,
    ${days('f.documented_at', 'f.assessed_at')} AS assess_days,
    ${days('f.assessed_at', 'f.certified_at')} AS certify_days,
    ${days('f.opened_at', completedAt)} AS total_days,
    COALESCE(f.met, '{}') AS met, COALESCE(f.partly_met, '{}') AS partly_met,
    COALESCE(f.not_met, '{}') AS not_met,
    CASE WHEN f.credential_id IS NOT NULL THEN ${month('f.certified_at')} END AS issued_month,
    CASE WHEN f.credential_id IS NOT NULL THEN f.result END AS issued_result,
    ${month('f.revoked_at')} AS revoked_month,
    CASE WHEN (${coverage}) IS NOT NULL THEN ${month(completedAt)} END AS supply_month,
    ${coverage} AS coverage
  FROM batch f
  LEFT JOIN need_fact nf ON nf.need_id = f.need_id AND nf.tenant_id = f.tenant_id
  WHERE f.opened_at IS NOT NULL AND f.standard_id IS NOT NULL`;

const COLUMNS = [
  'case_id',
  'tenant_id',
  'standard_id',
  'standard_version',
  'sector',
  'region',
  'need_id',
  'month',
  'phase',
  'result',
  'identify_days',
  'document_days',
  'assess_days',
  'certify_days',
  'total_days',
  'met',
  'partly_met',
  'not_met',
  'issued_month',
  'issued_result',
  'revoked_month',
  'supply_month',
  'coverage',
];

const BASE = 'tenant_id, standard_id, standard_version, sector, region, need_id';
/** The all-time rollups' (migration 1800000000700): no version, need or month. */
const ALL_TIME_BASE = 'tenant_id, standard_id, sector, region';

/**
 * Adds `sum(sign)` per key of `rows` (old contributions with -1, new ones with +1) to a monthly
 * rollup and, unless `allTime` is false, to its all-time one (the key without `month`).
 * `select` picks the key's columns from `x` (one delta row: a contribution and its sign).
 */
function apply(table: string, key: string, select: string, from = '', where = 'true'): string {
  const monthly = `${table}_delta AS (
    INSERT INTO ${table} AS t (${BASE}, ${key}, n)
    SELECT ${BASE}, ${key}, sum(sign)::int FROM ${table}_rows
    GROUP BY ${BASE}, ${key} HAVING sum(sign) <> 0
    ON CONFLICT (${BASE}, ${key}) DO UPDATE SET n = t.n + excluded.n)`;
  const rows = `${table}_rows AS (
    SELECT x.tenant_id, x.standard_id, x.standard_version, x.sector, x.region, x.need_id,
           ${select}, x.sign
    FROM deltas x ${from} WHERE ${where})`;
  if (table === 'stat_supply') return `${rows},\n${monthly}`;
  const allTimeKey = key.replace(/^month, /, '');
  const allTime = `${table}_all_delta AS (
    INSERT INTO ${table}_all AS t (${ALL_TIME_BASE}, ${allTimeKey}, n)
    SELECT ${ALL_TIME_BASE}, ${allTimeKey}, sum(sign)::int FROM ${table}_rows
    GROUP BY ${ALL_TIME_BASE}, ${allTimeKey} HAVING sum(sign) <> 0
    ON CONFLICT (${ALL_TIME_BASE}, ${allTimeKey}) DO UPDATE SET n = t.n + excluded.n)`;
  return `${rows},\n${monthly},\n${allTime}`;
}

export const ROLL_STATEMENT = `
WITH batch AS (
  SELECT * FROM case_fact WHERE dirty ORDER BY case_id LIMIT $1 FOR UPDATE SKIP LOCKED),
contribution AS (${CONTRIBUTION}),
deltas AS (
  SELECT r.*, -1 AS sign FROM case_rolled r JOIN batch USING (case_id)
  UNION ALL SELECT c.*, 1 AS sign FROM contribution c),
${apply('stat_cases', 'month, phase, result', 'x.month, x.phase, x.result')},
${apply(
  'stat_lead_times',
  'month, phase, days',
  'x.month, p.phase, p.days',
  `CROSS JOIN LATERAL (VALUES ('identify', x.identify_days), ('document', x.document_days),
     ('assess', x.assess_days), ('certify', x.certify_days), ('total', x.total_days)) p(phase, days)`,
  'p.days IS NOT NULL',
)},
${apply(
  'stat_outcomes',
  'month, outcome_id, judgement',
  'x.month, j.outcome_id, j.judgement',
  `CROSS JOIN LATERAL (SELECT unnest(x.met), 'met' UNION ALL SELECT unnest(x.partly_met), 'partly_met'
     UNION ALL SELECT unnest(x.not_met), 'not_met') j(outcome_id, judgement)`,
)},
${apply(
  'stat_credentials',
  'month, event, result',
  'e.month, e.event, x.issued_result AS result',
  `CROSS JOIN LATERAL (VALUES ('issued', x.issued_month), ('revoked', x.revoked_month)) e(event, month)`,
  'e.month IS NOT NULL AND x.issued_result IS NOT NULL',
)},
${apply('stat_supply', 'month, coverage', 'x.supply_month AS month, x.coverage', '', 'x.coverage IS NOT NULL')},
kept AS (
  INSERT INTO case_rolled AS r (${COLUMNS.join(', ')})
  SELECT ${COLUMNS.join(', ')} FROM contribution
  ON CONFLICT (case_id) DO UPDATE SET
    ${COLUMNS.slice(1)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}),
cleaned AS (UPDATE case_fact SET dirty = false WHERE case_id IN (SELECT case_id FROM batch))
SELECT count(*)::int AS taken FROM batch`;
