import type { CredentialSummary } from '@balanse/contracts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v.slice(0, 1000) : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** At most this many outcomes named on the page (a standard has tens). */
const MAX_OUTCOMES = 500;

/**
 * What the verification page shows of an Open Badges 3.0 AchievementCredential: the standard
 * and version, the outcomes met, the issuer and the dates. Read defensively (a presented
 * credential may have any shape); holds no personal data (the credential has none: the
 * recipient is a salted hash, never shown).
 */
export function credentialSummary(
  credential: unknown,
  status: { revoked: boolean; suspended: boolean },
): CredentialSummary {
  const c = isObject(credential) ? credential : {};
  const subject = list(c.credentialSubject).find(isObject) ?? {};
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const names = new Map<string, string>();
  for (const d of list(achievement.resultDescription))
    if (isObject(d) && typeof d.id === 'string' && typeof d.name === 'string')
      names.set(d.id, d.name);
  const results = list(subject.result).filter(isObject);
  const outcomesMet = results
    .filter((r) => r.status === 'Completed' && typeof r.resultDescription === 'string')
    .map((r) => names.get(r.resultDescription as string) ?? (r.resultDescription as string))
    .slice(0, MAX_OUTCOMES)
    .map((n) => n.slice(0, 1000));
  const issuer = c.issuer;
  const types = list(c.type);
  return {
    id: str(c.id),
    format: types.includes('AchievementCredential')
      ? 'Open Badges 3.0 AchievementCredential (W3C Verifiable Credentials 2.0)'
      : 'W3C Verifiable Credential',
    name: str(c.name),
    standard: {
      name: str(achievement.name),
      code: str(achievement.humanCode),
      version: str(achievement.version),
    },
    outcomesMet,
    outcomesListed: results.length,
    issuer: {
      id:
        typeof issuer === 'string'
          ? issuer.slice(0, 1000)
          : isObject(issuer)
            ? str(issuer.id)
            : null,
      name: isObject(issuer) ? str(issuer.name) : null,
    },
    validFrom: str(c.validFrom),
    validUntil: str(c.validUntil),
    revoked: status.revoked,
    suspended: status.suspended,
  };
}
