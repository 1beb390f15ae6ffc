import type { ApiClient, ApiResponse } from './api-client';
import { waitForPhase } from './status';

type Judgement = 'met' | 'partly_met' | 'not_met';

export class FlowError extends Error {
  constructor(step: string, res: ApiResponse) {
    super(`${step} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
}

function expectStatus(step: string, res: ApiResponse, status: number): ApiResponse {
  if (res.status !== status) throw new FlowError(step, res);
  return res;
}

/** Every item of a paged list (`{ items, hasMore, nextCursor }`), following the cursors. */
export async function allPages<T = any>(api: ApiClient, path: string, limit = 100): Promise<T[]> {
  const items: T[] = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let cursor: string | null = null; ;) {
    const page = expectStatus(
      `list ${path}`,
      await api.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`),
      200,
    ).body as { items: T[]; hasMore: boolean; nextCursor: string | null };
    items.push(...page.items);
    if (!page.hasMore) return items;
    cursor = page.nextCursor;
  }
}

/** The shared seeded standard and its outcome ids. */
export async function seededStandard(
  api: ApiClient,
): Promise<{ id: string; outcomeIds: string[] }> {
  const list = await allPages<{ id: string; code: string }>(api, '/standards');
  const id = list.find((s) => s.code === 'avdelingsleder-helse-omsorg')!.id;
  const standard = expectStatus('get standard', await api.get(`/standards/${id}`), 200).body;
  const outcomeIds = standard.clusters.flatMap((c: any) =>
    c.areas.flatMap((a: any) => a.outcomes.map((o: any) => o.id)),
  );
  return { id, outcomeIds };
}

/**
 * Drives one case through all four phases the way an HR integration would: open, scope,
 * identify, one attestation covering every outcome, document, a judgement per outcome, assess,
 * then polls until the case is completed. Returns the case id and the final case.
 */
export async function driveCase(
  api: ApiClient,
  standard: { id: string; outcomeIds: string[] },
  options: {
    externalId: string;
    /** The candidate's e-mail, if they have one. */
    email?: string;
    /** The candidate's name; default `Candidate <externalId>`. */
    candidateName?: string;
    /** The published version to pin; default the latest published. */
    standardVersion?: number;
    /** The need the case serves and the workplace's sector (NACE) and region (county), for statistics. */
    workplace?: { needId?: string; sector?: string; region?: string };
    judge?: (outcomeId: string, index: number) => Judgement;
    /** Runs once the case is open, before anything else happens to it. */
    afterOpen?: (caseId: string) => Promise<void>;
    pollMs?: number;
    timeoutMs?: number;
  },
): Promise<{ caseId: string; final: any }> {
  const opened = expectStatus(
    'open case',
    await api.post('/cases', {
      standardId: standard.id,
      ...(options.standardVersion ? { standardVersion: options.standardVersion } : {}),
      ...options.workplace,
      candidate: {
        externalId: options.externalId,
        name: options.candidateName ?? `Candidate ${options.externalId}`,
        ...(options.email ? { email: options.email } : {}),
      },
    }),
    201,
  );
  const caseId: string = opened.body.id;
  await options.afterOpen?.(caseId);
  const selfAssessment = Object.fromEntries(standard.outcomeIds.map((id, i) => [id, i % 5]));
  expectStatus(
    'scope',
    await api.put(`/cases/${caseId}/scope`, { outcomeIds: standard.outcomeIds, selfAssessment }),
    200,
  );
  expectStatus('identify/complete', await api.post(`/cases/${caseId}/identify/complete`), 200);
  expectStatus(
    'evidence',
    await api.post(`/cases/${caseId}/evidence`, {
      kind: 'attestation',
      title: 'Employer attestation',
      issuer: 'Solsiden sykehjem',
      period: { from: '2019-08-01', to: '2024-06-30' },
      positionPercent: 100,
      outcomeIds: standard.outcomeIds,
    }),
    201,
  );
  expectStatus('document/complete', await api.post(`/cases/${caseId}/document/complete`), 200);
  const judge = options.judge ?? (() => 'met');
  await Promise.all(
    standard.outcomeIds.map(async (outcomeId, i) =>
      expectStatus(
        'judgement',
        await api.put(`/cases/${caseId}/assess/outcomes/${outcomeId}`, {
          judgement: judge(outcomeId, i),
          rationale: 'Seen in attestation and interview.',
        }),
        200,
      ),
    ),
  );
  expectStatus('assess/complete', await api.post(`/cases/${caseId}/assess/complete`), 200);
  const final = await waitForPhase(api, caseId, 'completed', options);
  return { caseId, final };
}
