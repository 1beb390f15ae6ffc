import type { StatisticsFormat } from '@balanse/contracts';

/** Media types by preference (RFC 9110 `q`), ties in the order sent; `q=0` means "not this". */
function preferences(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part, at) => {
      const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      return { name, q: q ? Number(q.slice(2)) : 1, at };
    })
    .filter((p) => p.name && p.q > 0)
    .sort((a, b) => b.q - a.q || a.at - b.at)
    .map((p) => p.name);
}

const FORMATS: Record<string, StatisticsFormat> = {
  'application/json+stat': 'jsonstat',
  'text/csv': 'csv',
  'application/json': 'json',
};

/** The format `Accept` prefers among JSON, CSV and JSON-stat; JSON when it names none of them. */
export function formatFromAccept(accept: string | undefined): StatisticsFormat {
  for (const type of preferences(accept)) if (FORMATS[type]) return FORMATS[type];
  return 'json';
}

/** English when `Accept-Language` prefers it to Norwegian; bokmål otherwise. */
export function langFromAcceptLanguage(header: string | undefined): 'nb' | 'en' {
  for (const tag of preferences(header)) {
    const primary = tag.split('-')[0];
    if (primary === 'en') return 'en';
    if (primary === 'nb' || primary === 'no' || primary === 'nn') return 'nb';
  }
  return 'nb';
}
