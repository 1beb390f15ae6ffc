import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  driveCase,
  pollUntil,
  seededStandard,
  startStack,
  testServers,
  waitForPhase,
  type Stack,
} from '@balanse/testing';

/**
 * A thousand hostile events published straight to the event stream, as anything that reaches
 * NATS could: each must end as a dead letter with a reason (or be terminated, with a log line
 * and a count in /metrics), the consumers must keep flowing, the logs must stop growing, and a
 * service killed while poisoned records exist must come back and stay up.
 */

const SERVICES = ['identify', 'document', 'assess', 'certify', 'statistics'] as const;
const T = {
  identified: 'balanse.case.identified.v2',
  documented: 'balanse.case.documented.v2',
  assessed: 'balanse.case.assessed.v2',
  certified: 'balanse.case.certified.v1',
};
const SOURCE = {
  [T.identified]: '/balanse/identify',
  [T.documented]: '/balanse/document',
  [T.assessed]: '/balanse/assess',
  [T.certified]: '/balanse/certify',
};
/** Who consumes each event type: a hostile event reaches each of them. */
const CONSUMERS: Record<string, string[]> = {
  [T.identified]: ['document', 'statistics'],
  [T.documented]: ['assess', 'identify', 'certify', 'statistics'],
  [T.assessed]: ['certify', 'identify', 'statistics'],
  [T.certified]: ['identify', 'statistics'],
};
const subjectOf = (type: string) => `balanse.events.${type.replace(/^balanse\./, '')}`;

const ids = () => [randomUUID(), randomUUID()];
function payload(type: string, caseId: string): Record<string, unknown> {
  const standardId = randomUUID();
  switch (type) {
    case T.identified:
      return {
        caseId,
        candidateRef: randomUUID(),
        standardId,
        standardVersion: '1.0',
        outcomeIds: ids(),
        standardOutcomeIds: ids(),
      };
    case T.documented:
      return { caseId, standardId, outcomeIds: ids(), standardOutcomeIds: [], evidenceCount: 1 };
    case T.assessed:
      return {
        caseId,
        standardId,
        decision: 'certified',
        met: ids(),
        partlyMet: [],
        notMet: [],
        standardOutcomeIds: [],
      };
    default:
      return { caseId, credentialId: randomUUID(), result: 'certified', outcomeIds: ids() };
  }
}

/** A well-formed envelope of `type`, as its owner would publish it, with `changes` on top. */
function envelope(type: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const caseId = randomUUID();
  return {
    specversion: '1.0',
    id: randomUUID(),
    type,
    source: SOURCE[type],
    subject: caseId,
    time: new Date().toISOString(),
    tenantid: 'default',
    correlationid: 'hostile',
    causationid: 'hostile',
    datacontenttype: 'application/json',
    data: payload(type, caseId),
    ...changes,
  };
}

interface Hostile {
  kind: string;
  /** The subject it is published on (whose consumers receive it). */
  on: string;
  body: string;
}

const json = (kind: string, on: string, e: Record<string, unknown>): Hostile => ({
  kind,
  on,
  body: JSON.stringify(e),
});
const without = (type: string, name: string) => {
  const e = envelope(type);
  delete e[name];
  return e;
};

/** One of each kind, by index; `oversize` only every 100th (they are 300 KB each). */
const KINDS: Array<(i: number) => Hostile> = [
  (i) => ({ kind: 'not JSON', on: T.identified, body: `{"id": "broken ${i}` }),
  (i) => json('non-UUID id', T.assessed, envelope(T.assessed, { id: `evt-${i}` })),
  () => {
    const e = envelope(T.documented);
    (e['data'] as Record<string, unknown>)['standardId'] = 'nul\u0000inside';
    return json('NUL in data', T.documented, e);
  },
  () => json('NUL in tenantid', T.identified, envelope(T.identified, { tenantid: 'acme\u0000' })),
  () =>
    json('unknown type', T.assessed, envelope(T.assessed, { type: 'balanse.case.exploded.v1' })),
  () => json('wrong subject for type', T.certified, envelope(T.assessed)),
  () =>
    json(
      'forged source (identify)',
      T.assessed,
      envelope(T.assessed, { source: '/balanse/identify' }),
    ),
  () => json('forged source (evil)', T.documented, envelope(T.documented, { source: '/evil' })),
  () => {
    const e = envelope(T.identified);
    (e['data'] as Record<string, unknown>)['caseId'] = randomUUID();
    return json('payload case id is not the subject', T.identified, e);
  },
  () => json('tenant format', T.certified, envelope(T.certified, { tenantid: 'Tenant_B' })),
  () => json('missing time', T.identified, without(T.identified, 'time')),
  () => json('missing subject', T.documented, without(T.documented, 'subject')),
  () => json('missing data', T.assessed, without(T.assessed, 'data')),
  () => json('missing specversion', T.identified, without(T.identified, 'specversion')),
  () => {
    const e = envelope(T.identified);
    (e['data'] as Record<string, unknown>)['outcomeIds'] = [];
    return json('payload breaks its contract', T.identified, e);
  },
];
const oversize = (): Hostile => {
  const e = envelope(T.identified);
  (e['data'] as Record<string, unknown>)['padding'] = 'x'.repeat(300 * 1024);
  return json('oversize', T.identified, e);
};

function hostileEvents(n: number): Hostile[] {
  return Array.from({ length: n }, (_, i) =>
    i % 100 === 99 ? oversize() : KINDS[i % KINDS.length]!(i),
  );
}

describe('a thousand hostile events on the bus (distributed)', () => {
  let stack: Stack;
  let nc: NatsConnection;
  let js: JetStreamClient;

  beforeAll(async () => {
    stack = await startStack({ mode: 'distributed' });
    nc = await connect({ servers: testServers().natsUrl.replace(/^nats:\/\//, '') });
    js = jetstream(nc);
  }, 120_000);
  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  /** Every dead letter of a service for `tenant`, page by page. */
  async function allDeadLetters(service: string, tenant: string): Promise<any[]> {
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=100&tenant=${tenant}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await stack.api.get(`/admin/dead-letters/${service}${query}`);
      if (res.status !== 200) throw new Error(`dead letters answered ${res.status}`);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  }

  /** A counter of the services' `/metrics`, summed over the four processes. */
  async function counted(metric: string): Promise<number> {
    let sum = 0;
    for (const s of SERVICES) {
      const text = await (await fetch(`${stack.process(s).url}/metrics`)).text();
      for (const line of text.split('\n'))
        if (line.startsWith(`${metric}{`)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
    return sum;
  }
  const terminatedCount = () => counted('balanse_events_terminated_total');

  it('dead-letters or terminates each, with a reason; accepts a newer valid event; keeps flowing', async () => {
    const standard = await seededStandard(stack.api);
    const events = hostileEvents(1000);
    const expected: Record<string, number> = Object.fromEntries(SERVICES.map((s) => [s, 0]));
    for (const e of events) for (const c of CONSUMERS[e.on]!) expected[c]!++;

    // A case in document, and its case.documented from a newer document: one optional field more.
    const opened = await stack.api.post('/cases', {
      standardId: standard.id,
      candidate: { externalId: 'hostile-1', name: 'Tolerant Reader' },
    });
    const caseId: string = opened.body.id;
    await stack.api.put(`/cases/${caseId}/scope`, { outcomeIds: standard.outcomeIds });
    await stack.api.post(`/cases/${caseId}/identify/complete`);
    const newer = envelope(T.documented, {
      subject: caseId,
      data: {
        caseId,
        standardId: standard.id,
        outcomeIds: standard.outcomeIds,
        standardOutcomeIds: standard.outcomeIds,
        evidenceCount: 1,
        reviewedBy: { kind: 'added in a later minor version' },
      },
    });

    const started = Date.now();
    for (const e of events) await js.publish(subjectOf(e.on), new TextEncoder().encode(e.body));
    await js.publish(subjectOf(T.documented), new TextEncoder().encode(JSON.stringify(newer)));

    // Every hostile delivery ends as a dead letter (or terminated), within bounded time.
    const letters = await pollUntil(
      async (seen) => {
        const found: Record<string, any[]> = {};
        for (const s of SERVICES)
          found[s] = [
            ...(await allDeadLetters(s, 'default')),
            ...(await allDeadLetters(s, '_invalid')),
          ];
        const counts = Object.fromEntries(SERVICES.map((s) => [s, found[s]!.length]));
        const terminated = await terminatedCount();
        seen({ counts, expected, terminated });
        const total = Object.values(counts).reduce((a, b) => a + b, 0) + terminated;
        const want = Object.values(expected).reduce((a, b) => a + b, 0);
        return total >= want ? found : undefined;
      },
      (last) => `not all hostile events settled: ${JSON.stringify(last)}`,
      { timeoutMs: 60_000, pollMs: 500 },
    );
    const settledMs = Date.now() - started;
    for (const s of SERVICES) {
      expect({ s, letters: letters[s]!.length }).toEqual({ s, letters: expected[s] });
      for (const l of letters[s]!) expect(l.reason).toMatch(/^invalid (envelope|payload): \S/);
    }
    expect(await terminatedCount()).toBe(0); // everything hostile could be kept
    const want = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(await counted('balanse_events_dead_lettered_total')).toBe(want);
    const reasons = new Set(Object.values(letters).flatMap((l) => l.map((x) => x.reason)));
    for (const r of [
      'invalid envelope: is not JSON',
      'invalid envelope: id is not a UUID',
      'invalid envelope: contains a NUL character (\\u0000)',
      `invalid envelope: type is not ${T.certified}, the type consumed here`,
      `invalid envelope: source is not /balanse/assess, the owner of ${T.assessed}`,
      `invalid envelope: source is not /balanse/document, the owner of ${T.documented}`,
      'invalid envelope: data.caseId is not the subject',
      'invalid envelope: tenantid is not a tenant name',
      'invalid envelope: is over the limit of 262144 bytes',
      'invalid envelope: time is not an ISO 8601 time',
      'invalid envelope: subject (the case id) is not a UUID',
      'invalid envelope: data is not a JSON object',
      'invalid envelope: specversion is not 1.0',
    ])
      expect(reasons).toContain(r);
    expect([...reasons].some((r) => r.startsWith('invalid payload: VALIDATION_FAILED'))).toBe(true);
    // no raw database error text in any reason
    expect([...reasons].some((r) => /violates|syntax|relation|column/.test(r))).toBe(false);

    // The newer event was believed: identify and assess moved the case on.
    await waitForPhase(stack.api, caseId, 'assess', { timeoutMs: 10_000 });
    for (const s of ['identify', 'assess'])
      expect(letters[s]!.some((l) => l.eventId === newer['id'])).toBe(false);

    // Nothing waits for an ack or a redelivery: the consumers are not wedged.
    const jsm = await jetstreamManager(nc);
    for await (const c of jsm.consumers.list('BALANSE_EVENTS')) {
      expect({ consumer: c.name, pending: c.num_pending, unacked: c.num_ack_pending }).toEqual({
        consumer: c.name,
        pending: 0,
        unacked: 0,
      });
    }

    // The logs stopped growing once all was settled: no retry loop, about a line per delivery.
    const before = stack.logs();
    await new Promise((r) => setTimeout(r, 3000));
    expect(stack.logs().length).toBe(before.length);
    const lines = before.split('\n').length;
    const deliveries = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(lines).toBeLessThan(deliveries * 1.2 + 50);

    // A normal case completes end to end afterwards, in bounded time.
    const normal = await driveCase(stack.api, standard, {
      externalId: 'after-hostile',
      timeoutMs: 20_000,
    });
    expect(normal.final).toMatchObject({ phase: 'completed', result: 'certified' });
    console.log(
      `hostile events: ${events.length} published, ${deliveries} deliveries dead-lettered in ${settledMs} ms`,
    );
  }, 120_000);

  it('a service killed while poisoned records exist comes up and stays up', async () => {
    await stack.kill('identify');
    await stack.start('identify');
    await new Promise((r) => setTimeout(r, 3000));
    expect(stack.process('identify').running).toBe(true);
    const standard = await seededStandard(stack.api);
    const after = await driveCase(stack.api, standard, {
      externalId: 'after-restart',
      timeoutMs: 20_000,
    });
    expect(after.final.phase).toBe('completed');
    expect((await allDeadLetters('identify', 'default')).length).toBeGreaterThan(0);
  }, 60_000);
});
