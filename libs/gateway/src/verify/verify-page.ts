import { createHash } from 'node:crypto';
import type { CredentialSummary, VerifyProblem, VerifyResult } from '@balanse/contracts';

// The public verification pages: plain HTML, one column, large text, readable on a phone. No
// script, no asset from anywhere: one inline stylesheet allowed by its hash in a strict CSP.

export type Lang = 'nb' | 'en';

const STYLE = `
:root{color-scheme:light dark;--ok:#0a6b2d;--bad:#a4161a;--muted:#555}
@media (prefers-color-scheme:dark){:root{--ok:#5fd38a;--bad:#ff8a8a;--muted:#bbb}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:40rem;padding:1rem;font:1.25rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:1.5rem 0 .5rem}
.verdict{border:3px solid;border-radius:.5rem;padding:1rem;margin:1rem 0;font-weight:600}
.ok{border-color:var(--ok);color:var(--ok)}
.bad{border-color:var(--bad);color:var(--bad)}
dl{margin:0}dt{font-weight:600;margin-top:.75rem}dd{margin:0;overflow-wrap:anywhere}
ul{padding-left:1.25rem}li{margin:.25rem 0;overflow-wrap:anywhere}
.muted{color:var(--muted);font-size:1rem}
nav{display:flex;gap:1rem;justify-content:flex-end;font-size:1rem}
a{color:inherit}
textarea{width:100%;min-height:12rem;font:1rem/1.4 ui-monospace,monospace}
input,button{font:inherit}
button{padding:.6rem 1.2rem;margin-top:1rem}
label{display:block;margin-top:1rem;font-weight:600}
`;

/** The CSP: nothing from anywhere, the one stylesheet by its hash, forms only to this origin. */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Escapes text for HTML content and double-quoted attributes. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const T = {
  nb: {
    title: 'Verifiser kompetansebevis',
    verified: 'Verifisert: beviset er utstedt her, uendret og gyldig.',
    notVerified: 'Ikke verifisert.',
    why: 'Hvorfor',
    warnings: 'Merknader',
    standard: 'Kompetansestandard',
    version: 'versjon',
    format: 'Format',
    outcomes: 'Læringsutbytter oppnådd',
    outcomesOf: (met: number, all: number) => `${met} av ${all}`,
    issuer: 'Utsteder',
    date: 'Dato',
    validUntil: 'Gyldig til',
    status: 'Status',
    revoked: 'Trukket tilbake',
    suspended: 'Suspendert',
    active: 'Aktivt (ikke trukket tilbake eller suspendert)',
    id: 'Bevis-ID',
    noPersonal: 'Siden viser ingen personopplysninger.',
    notFoundTitle: 'Fant ikke beviset',
    notFound:
      'Vi har ikke noe kompetansebevis med denne ID-en. Sjekk at ID-en er skrevet av riktig.',
    unavailableTitle: 'Verifisering er ikke tilgjengelig akkurat nå',
    unavailable: 'Prøv igjen om litt.',
    formIntro:
      'Lim inn et kompetansebevis (JSON eller VC-JWT) eller last opp filen, så sjekker vi signatur, utsteder, gyldighet og status.',
    paste: 'Bevis (JSON eller VC-JWT)',
    file: 'Eller last opp fil',
    submit: 'Verifiser',
    another: 'Verifiser et annet bevis',
    tooLarge: 'Beviset er for stort.',
    empty: 'Lim inn et bevis eller velg en fil.',
    notJson: 'Teksten er verken gyldig JSON eller en VC-JWT.',
  },
  en: {
    title: 'Verify a credential',
    verified: 'Verified: the credential was issued here, is unchanged and valid.',
    notVerified: 'Not verified.',
    why: 'Why',
    warnings: 'Notes',
    standard: 'Competence standard',
    version: 'version',
    format: 'Format',
    outcomes: 'Learning outcomes met',
    outcomesOf: (met: number, all: number) => `${met} of ${all}`,
    issuer: 'Issuer',
    date: 'Date',
    validUntil: 'Valid until',
    status: 'Status',
    revoked: 'Revoked',
    suspended: 'Suspended',
    active: 'Active (neither revoked nor suspended)',
    id: 'Credential id',
    noPersonal: 'This page shows no personal data.',
    notFoundTitle: 'Credential not found',
    notFound: 'We hold no credential with this id. Check that the id was copied correctly.',
    unavailableTitle: 'Verification is not available right now',
    unavailable: 'Please try again in a moment.',
    formIntro:
      'Paste a credential (JSON or VC-JWT) or upload its file, and we check its signature, issuer, validity and status.',
    paste: 'Credential (JSON or VC-JWT)',
    file: 'Or upload a file',
    submit: 'Verify',
    another: 'Verify another credential',
    tooLarge: 'The credential is too large.',
    empty: 'Paste a credential or choose a file.',
    notJson: 'The text is neither valid JSON nor a VC-JWT.',
  },
} as const;

/** Each problem code in words, in both languages. */
const REASONS: Record<string, Record<Lang, string>> = {
  SCHEMA_INVALID: {
    nb: 'Beviset følger ikke Open Badges 3.0-skjemaet.',
    en: 'The credential does not follow the Open Badges 3.0 schema.',
  },
  PROOF_INVALID: {
    nb: 'Signaturen stemmer ikke: beviset er endret etter utstedelse, eller signert med en annen nøkkel.',
    en: 'The signature does not match: the credential was changed after issue, or signed with another key.',
  },
  PROOF_MISSING: { nb: 'Beviset har ingen signatur.', en: 'The credential has no signature.' },
  STATUS_REVOKED: {
    nb: 'Utstederen har trukket beviset tilbake.',
    en: 'The issuer has revoked the credential.',
  },
  STATUS_SUSPENDED: {
    nb: 'Utstederen har suspendert beviset.',
    en: 'The issuer has suspended the credential.',
  },
  NOT_YET_VALID: { nb: 'Beviset er ikke gyldig ennå.', en: 'The credential is not valid yet.' },
  EXPIRED: { nb: 'Beviset er utløpt.', en: 'The credential has expired.' },
  ISSUER_UNKNOWN: {
    nb: 'Beviset er ikke utstedt av denne tjenesten.',
    en: 'The credential was not issued by this service.',
  },
  KEY_NOT_ISSUERS: {
    nb: 'Beviset er signert med en nøkkel som ikke er utstederens.',
    en: 'The credential is signed with a key that is not the issuer’s.',
  },
  UNKNOWN_CONTEXT: {
    nb: 'Beviset bruker en ukjent JSON-LD-kontekst.',
    en: 'The credential uses an unknown JSON-LD context.',
  },
  MALFORMED: { nb: 'Dette er ikke et lesbart bevis.', en: 'This is not a readable credential.' },
  TOO_LARGE: { nb: 'Beviset er for stort.', en: 'The credential is too large.' },
  STATUS_UNCHECKED: {
    nb: 'Statusen (tilbaketrekking) kunne ikke sjekkes.',
    en: 'The status (revocation) could not be checked.',
  },
};

function page(lang: Lang, title: string, body: string, switchHref: (l: Lang) => string): string {
  const other: Lang = lang === 'nb' ? 'en' : 'nb';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<nav><a href="${esc(switchHref(other))}" hreflang="${other}" lang="${other}">${other === 'nb' ? 'Norsk' : 'English'}</a></nav>
<main>
${body}
</main>
</body>
</html>
`;
}

function problems(lang: Lang, list: VerifyProblem[]): string {
  const seen = new Set<string>();
  const items = list
    .filter((p) => !seen.has(p.code) && seen.add(p.code))
    .map(
      (p) =>
        `<li>${esc(REASONS[p.code]?.[lang] ?? p.message)} <span class="muted">(${esc(p.code)})</span></li>`,
    );
  return `<ul>${items.join('')}</ul>`;
}

function day(iso: string | null): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return iso ?? '';
  return new Date(iso).toISOString().slice(0, 10);
}

/** The result of a verification: the verdict and why, then what the credential says. */
export function resultPage(
  lang: Lang,
  result: VerifyResult,
  summary: CredentialSummary | undefined,
  switchHref: (l: Lang) => string,
): string {
  const t = T[lang];
  const parts: string[] = [`<h1>${esc(t.title)}</h1>`];
  parts.push(
    result.verified
      ? `<p class="verdict ok" role="status">✔ ${esc(t.verified)}</p>`
      : `<div class="verdict bad" role="alert"><p>✘ ${esc(t.notVerified)}</p>${
          result.errors.length ? `<p>${esc(t.why)}:</p>${problems(lang, result.errors)}` : ''
        }</div>`,
  );
  if (result.warnings.length)
    parts.push(`<h2>${esc(t.warnings)}</h2>${problems(lang, result.warnings)}`);
  if (summary) {
    const s = summary.standard;
    const rows: Array<[string, string]> = [];
    if (s.name || s.code)
      rows.push([
        t.standard,
        `${esc(s.name ?? s.code)}${s.code && s.name ? ` <span class="muted">(${esc(s.code)})</span>` : ''}${s.version ? `, ${esc(t.version)} ${esc(s.version)}` : ''}`,
      ]);
    rows.push([t.format, esc(summary.format)]);
    if (summary.issuer.name || summary.issuer.id)
      rows.push([
        t.issuer,
        `${esc(summary.issuer.name ?? '')}${summary.issuer.id ? `<br><span class="muted">${esc(summary.issuer.id)}</span>` : ''}`,
      ]);
    if (summary.validFrom) rows.push([t.date, esc(day(summary.validFrom))]);
    if (summary.validUntil) rows.push([t.validUntil, esc(day(summary.validUntil))]);
    rows.push([
      t.status,
      esc(
        [summary.revoked ? t.revoked : '', summary.suspended ? t.suspended : '']
          .filter(Boolean)
          .join(', ') || t.active,
      ),
    ]);
    if (summary.id) rows.push([t.id, `<span class="muted">${esc(summary.id)}</span>`]);
    parts.push(`<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`);
    parts.push(
      `<h2>${esc(t.outcomes)} <span class="muted">(${esc(t.outcomesOf(summary.outcomesMet.length, summary.outcomesListed))})</span></h2>`,
      `<ul>${summary.outcomesMet.map((o) => `<li>${esc(o)}</li>`).join('')}</ul>`,
    );
  }
  parts.push(
    `<p class="muted">${esc(t.noPersonal)}</p>`,
    `<p><a href="/verify?lang=${lang}">${esc(t.another)}</a></p>`,
  );
  return page(lang, t.title, parts.join('\n'), switchHref);
}

export function notFoundPage(lang: Lang, switchHref: (l: Lang) => string): string {
  const other: Lang = lang === 'nb' ? 'en' : 'nb';
  const body = [lang, other]
    .map(
      (l) =>
        `<section lang="${l}"><h1>${esc(T[l].notFoundTitle)}</h1><p>${esc(T[l].notFound)}</p></section>`,
    )
    .join('\n');
  return page(
    lang,
    T[lang].notFoundTitle,
    `${body}\n<p><a href="/verify?lang=${lang}">${esc(T[lang].another)}</a></p>`,
    switchHref,
  );
}

export function unavailablePage(lang: Lang, switchHref: (l: Lang) => string): string {
  const t = T[lang];
  return page(
    lang,
    t.unavailableTitle,
    `<h1>${esc(t.unavailableTitle)}</h1><p>${esc(t.unavailable)}</p>`,
    switchHref,
  );
}

/** The form: paste a credential or upload its file. `problem` is shown above it. */
export function formPage(
  lang: Lang,
  switchHref: (l: Lang) => string,
  problem?: 'tooLarge' | 'empty' | 'notJson',
): string {
  const t = T[lang];
  return page(
    lang,
    t.title,
    `<h1>${esc(t.title)}</h1>
${problem ? `<p class="verdict bad" role="alert">${esc(t[problem])}</p>` : ''}
<p>${esc(t.formIntro)}</p>
<form method="post" action="/verify" enctype="multipart/form-data">
<input type="hidden" name="lang" value="${lang}">
<label for="credential">${esc(t.paste)}</label>
<textarea id="credential" name="credential" spellcheck="false" autocomplete="off"></textarea>
<label for="file">${esc(t.file)}</label>
<input id="file" name="file" type="file" accept=".json,.jwt,.txt,application/json,application/vc+jwt">
<button type="submit">${esc(t.submit)}</button>
</form>
<p class="muted">${esc(t.noPersonal)}</p>`,
    switchHref,
  );
}

/**
 * The page's language: `?lang=nb|en`, else the first of Accept-Language that we speak
 * (Norwegian: nb, nn, no), else Norwegian.
 */
export function pickLang(query: unknown, acceptLanguage: string | undefined): Lang {
  if (query === 'nb' || query === 'en') return query;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (primary === 'nb' || primary === 'nn' || primary === 'no') return 'nb';
    if (primary === 'en') return 'en';
  }
  return 'nb';
}
