/**
 * Synthetic events for the statistics bench and tests: employers (tenants) with a sector, one or two
 * regions, one or two standards and a competence need; cases opened over two years that get as
 * far as identify (10 %), document, assess, or completed, with lead times in days and outcomes
 * some of which fail more often. Deterministic (a seeded PRNG), so runs compare. Events carry
 * only what real producers send: no names, as in the real stream.
 */
import type { DomainEvent } from '@balanse/messaging';
import { COUNTIES, EVENT_OWNERS } from '@balanse/contracts';

const SECTORS = ['C', 'F', 'G', 'H', 'N', 'P', 'Q', '27.2'];
/** Every county in force (`COUNTIES`). */
const REGIONS = Object.keys(COUNTIES).sort();
const STANDARDS = 4;
const OUTCOMES = 12;
const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);

/** mulberry32: small, fast, good enough to spread synthetic data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)]!;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface Employer {
  tenant: string;
  sector: string;
  regions: string[];
  standards: number[];
  needId: string;
  /** Relative size: a few large employers, many small ones. */
  weight: number;
}

export interface SyntheticStream {
  /** Events before any case: standards announced and needs recorded (per tenant). */
  reference: DomainEvent[];
  /** Each case's events, in the order its producers would emit them. */
  caseEvents(i: number): DomainEvent[];
}

export function syntheticStatisticsStream(tenants: number, seed = 42): SyntheticStream {
  const random = prng(seed);
  const standards = Array.from({ length: STANDARDS }, (_, s) => ({
    id: uuid(random),
    code: `BENCH-${s + 1}`,
    outcomes: Array.from({ length: OUTCOMES }, () => uuid(random)),
  }));
  const employers: Employer[] = Array.from({ length: tenants }, (_, t) => {
    const first = Math.floor(random() * STANDARDS);
    return {
      tenant: `bench-${String(t + 1).padStart(4, '0')}`,
      sector: SECTORS[Math.floor(random() * SECTORS.length)]!,
      regions: [REGIONS[t % REGIONS.length]!, REGIONS[Math.floor(random() * REGIONS.length)]!],
      standards: random() < 0.5 ? [first] : [first, (first + 1) % STANDARDS],
      needId: uuid(random),
      weight: 1 / (1 + (t % 20)),
    };
  });
  const totalWeight = employers.reduce((n, e) => n + e.weight, 0);
  const cumulative: number[] = [];
  employers.reduce((n, e) => (cumulative.push((n + e.weight) / totalWeight), n + e.weight), 0);

  const reference: DomainEvent[] = [];
  for (const e of employers) {
    for (const s of e.standards) {
      const st = standards[s]!;
      reference.push(
        event('balanse.standard.announced.v1', e.tenant, st.id, '2025-01-01T00:00:00Z', {
          standardId: st.id,
          standardVersion: '1',
          code: st.code,
          title: { nb: `Benkmerke ${s + 1}`, en: `Bench standard ${s + 1}` },
          part: 1,
          parts: 1,
          outcomeCount: OUTCOMES,
          clusters: [],
          outcomes: st.outcomes.map((id, o) => ({
            id,
            code: `${st.code}.${o + 1}`,
            statement: { nb: `Læringsutbytte ${o + 1}`, en: `Learning outcome ${o + 1}` },
            category: 'skills',
            clusterId: st.id,
            escoSkills: [],
            education: [],
          })),
        }),
      );
    }
    const st = standards[e.standards[0]!]!;
    reference.push(
      event('balanse.need.recorded.v1', e.tenant, e.needId, '2025-01-01T00:00:00Z', {
        needId: e.needId,
        standardId: st.id,
        standardVersion: 1,
        outcomeIds: st.outcomes.slice(0, 6),
        people: { min: 20, max: 80 },
        skilledWorkerShare: { min: 50, max: 80 },
        sector: e.sector,
        region: e.regions[0],
        neededBy: '2027-06-30',
      }),
    );
  }

  return {
    reference,
    caseEvents(i: number): DomainEvent[] {
      const r = prng(seed * 1_000_003 + i);
      const pick = r();
      const e =
        employers[
          Math.max(
            0,
            cumulative.findIndex((c) => pick <= c),
          )
        ]!;
      const st = standards[e.standards[Math.floor(r() * e.standards.length)]!]!;
      const caseId = uuid(r);
      const t = e.tenant;
      const base = { caseId, standardId: st.id, standardVersion: '1' };
      let at = START + Math.floor(r() * 700) * DAY + Math.floor(r() * DAY);
      const iso = () => new Date(at).toISOString();
      const needId = r() < 0.5 ? e.needId : undefined;
      const region = e.regions[Math.floor(r() * e.regions.length)]!;
      const out: DomainEvent[] = [
        event('balanse.case.opened.v1', t, caseId, iso(), {
          ...base,
          candidateRef: uuid(r),
          openedAt: iso(),
          needId,
          sector: e.sector,
          region,
        }),
      ];
      const stage = r();
      if (stage < 0.1) return out;
      at += (1 + Math.floor(r() * 20)) * DAY;
      const scope = st.outcomes;
      out.push(
        event('balanse.case.identified.v2', t, caseId, iso(), {
          ...base,
          candidateRef: uuid(r),
          outcomeIds: scope,
          standardOutcomeIds: st.outcomes,
          needId,
          sector: e.sector,
          region,
        }),
      );
      if (stage < 0.2) return out;
      at += (5 + Math.floor(r() * 85)) * DAY;
      out.push(
        event('balanse.case.documented.v2', t, caseId, iso(), {
          ...base,
          outcomeIds: scope,
          standardOutcomeIds: st.outcomes,
          evidenceCount: scope.length,
        }),
      );
      if (stage < 0.3) return out;
      at += (2 + Math.floor(r() * 28)) * DAY;
      // Later outcomes fail more often: the gap analysis has something to find.
      const met: string[] = [];
      const partlyMet: string[] = [];
      const notMet: string[] = [];
      scope.forEach((o, k) => {
        const x = r() - k * 0.02;
        (x > 0.25 ? met : x > 0.1 ? partlyMet : notMet).push(o);
      });
      const decision =
        met.length === scope.length ? 'certified' : met.length > 0 ? 'partial' : 'not_certified';
      out.push(
        event('balanse.case.assessed.v2', t, caseId, iso(), {
          ...base,
          decision,
          met,
          partlyMet,
          notMet,
          standardOutcomeIds: st.outcomes,
        }),
      );
      if (decision === 'not_certified') return out;
      at += Math.floor(r() * 5) * DAY + 60_000;
      const credentialId = uuid(r);
      out.push(
        event('balanse.case.certified.v1', t, caseId, iso(), {
          caseId,
          credentialId,
          result: decision,
          outcomeIds: met,
          standardVersion: '1',
        }),
      );
      if (r() < 0.02) {
        at += (1 + Math.floor(r() * 100)) * DAY;
        out.push(
          event('balanse.credential.revoked.v1', t, caseId, iso(), {
            credentialId,
            caseId,
            standardId: st.id,
            kind: decision === 'certified' ? 'full' : 'partial',
            at: iso(),
          }),
        );
      }
      return out;
    },
  };
}

let eventSeq = 0;

function event(
  type: string,
  tenantId: string,
  subject: string,
  time: string,
  data: unknown,
): DomainEvent {
  const name = /^balanse\.([a-z.-]+)\.v\d+$/.exec(type)![1]!;
  // Unique within the stream (JetStream deduplicates by id), and valid UUIDs.
  const id = `00000000-0000-4000-8000-${(++eventSeq).toString(16).padStart(12, '0')}`;
  return {
    id,
    type,
    source: `/balanse/${EVENT_OWNERS[name]}`,
    subject,
    time,
    tenantId,
    correlationId: id,
    causationId: id,
    data,
  };
}
