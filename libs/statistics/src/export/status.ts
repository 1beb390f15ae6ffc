import type { Lang, Localized, SuppressionReason } from './stat-table';

/**
 * The status symbol of a withheld cell, in JSON-stat `status` and in the CSV `status` column.
 *
 * Statistics Norway's standard symbols (standardtegn, printed under every StatBank table) are
 * `.` not applicable, `..` data not available (tallgrunnlag mangler), `:` confidential (vises ikke
 * av konfidensialitetshensyn), `-` nil. A cell withheld to protect persons or employers is the
 * `:` case, so `..` would tell readers the data were missing rather than protected. Eurostat
 * flags the same case `c` and shows the value as `:` ("Tutorial:Symbols and abbreviations",
 * ec.europa.eu/eurostat/statistics-explained); we follow SSB, the office our readers know. The
 * reason (primary or secondary, and which rule) travels beside it in the JSON-stat `extension`.
 */
export const CONFIDENTIAL = ':';

/** SSB's `.` (ikke mulig å oppgi tall): a measure that does not apply, e.g. the median of no cases. */
export const NOT_APPLICABLE = '.';

export const STATUS_LABELS: Readonly<
  Record<typeof CONFIDENTIAL | typeof NOT_APPLICABLE, Localized>
> = {
  [CONFIDENTIAL]: {
    nb: 'Vises ikke av konfidensialitetshensyn',
    en: 'Confidential: not published, to avoid identifying persons or employers',
  },
  [NOT_APPLICABLE]: {
    nb: 'Ikke mulig å oppgi tall (ingen saker å regne av)',
    en: 'Not applicable (no cases to compute it from)',
  },
};

export const REASON_LABELS: Readonly<Record<SuppressionReason, Localized>> = {
  k: { nb: 'For få saker i cellen', en: 'Too few cases in the cell' },
  employers: {
    nb: 'Sakene kommer fra for få arbeidsgivere',
    en: 'The cases come from too few employers',
  },
  dominance: {
    nb: 'Én arbeidsgiver står for en for stor del av sakene',
    en: 'One employer accounts for too large a part of the cases',
  },
  secondary: {
    nb: 'Skjult for at en annen skjult celle ikke skal kunne regnes ut (sekundær prikking)',
    en: 'Withheld so that another withheld cell cannot be derived (secondary suppression)',
  },
};

export function labelsIn<K extends string>(
  labels: Readonly<Record<K, Localized>>,
  lang: Lang,
): Record<K, string> {
  return Object.fromEntries(
    Object.entries<Localized>(labels).map(([key, label]) => [key, label[lang]]),
  ) as Record<K, string>;
}
