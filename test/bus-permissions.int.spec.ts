import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  CaseAssessed,
  CaseCertified,
  NeedChanged,
  NeedRecorded,
  CaseDocumented,
  CaseIdentified,
  CaseOpened,
  CredentialReinstated,
  CredentialRevoked,
  CredentialSuspended,
  StandardAnnounced,
} from '@balanse/contracts';
import {
  EVENT_STREAM,
  eventSubject,
  NatsCommandTransport,
  newEvent,
  toCloudEvent,
} from '@balanse/messaging';
import { connectNats, natsSecurityFromEnv } from '@balanse/runtime';
import {
  driveCase,
  freePort,
  REPO_ROOT,
  seededStandard,
  SERVICE_APPS,
  startStack,
  type Stack,
} from '@balanse/testing';

/** The users of deploy/nats/auth.conf, each with a fresh password (a letter first, see there). */
const USERS = ['gateway', ...SERVICE_APPS, 'admin'] as const;
type User = (typeof USERS)[number];
const passwords = Object.fromEntries(
  USERS.map((u) => [u, `p${randomBytes(24).toString('hex')}`]),
) as Record<User, string>;

/** Who owns which event type: the only service allowed to publish it. */
const OWNER: Record<string, (typeof SERVICE_APPS)[number]> = {
  [CaseOpened.type]: 'identify',
  [CaseIdentified.type]: 'identify',
  [CaseDocumented.type]: 'document',
  [CaseAssessed.type]: 'assess',
  [CaseCertified.type]: 'certify',
  [NeedRecorded.type]: 'identify',
  [NeedChanged.type]: 'identify',
  [CredentialRevoked.type]: 'certify',
  [CredentialSuspended.type]: 'certify',
  [CredentialReinstated.type]: 'certify',
  [StandardAnnounced.type]: 'identify',
};

/** What statistics consumes (it publishes nothing): a durable consumer each. */
const STATISTICS_CONSUMES = [
  CaseOpened.type,
  CaseIdentified.type,
  CaseDocumented.type,
  CaseAssessed.type,
  CaseCertified.type,
  CredentialRevoked.type,
  NeedRecorded.type,
  NeedChanged.type,
  StandardAnnounced.type,
];

const PERMISSION_VIOLATION = /Permissions Violation/;

interface NatsServer {
  url: string;
  stop(): Promise<void>;
}

/** nats-server on a spare port and a fresh store, with `args` and only `env`; up once ready. */
async function startNatsServer(args: string[], env: Record<string, string>): Promise<NatsServer> {
  const port = await freePort();
  const store = await mkdtemp(join(tmpdir(), 'balanse-bus-'));
  const server: ChildProcess = spawn(
    'nats-server',
    [...args, '-a', '127.0.0.1', '-p', String(port), '-sd', store],
    { env: { PATH: process.env['PATH'], ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await rm(store, { recursive: true, force: true });
  };
  let output = '';
  const ready = await new Promise<boolean>((resolve) => {
    server.stderr!.on('data', (c: Buffer) => {
      output += c.toString();
      if (output.includes('Server is ready')) resolve(true);
    });
    server.once('exit', () => resolve(false));
    setTimeout(() => resolve(false), 10_000).unref();
  });
  if (!ready) {
    await stop();
    throw new Error(`nats-server did not start:\n${output}`);
  }
  return { url: `nats://127.0.0.1:${port}`, stop };
}

/** The shipped configuration, each user with its fresh password. */
function startLockedDownNats(): Promise<NatsServer> {
  return startNatsServer(
    ['-c', join(REPO_ROOT, 'deploy/nats/nats.conf')],
    Object.fromEntries(USERS.map((u) => [`NATS_${u.toUpperCase()}_PASSWORD`, passwords[u]])),
  );
}

function connectAs(user: User, url: string): Promise<NatsConnection> {
  return connect({
    servers: url.replace(/^nats:\/\//, ''),
    user,
    pass: passwords[user],
    inboxPrefix: `_INBOX.${user}`,
  });
}

/** Resolves once `durable` has acked everything up to stream sequence `seq`. */
async function handledUpTo(jsm: JetStreamManager, durable: string, seq: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((await jsm.consumers.info(EVENT_STREAM, durable)).ack_floor.stream_seq < seq) {
    if (Date.now() > deadline) throw new Error(`${durable} did not handle event ${seq}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a locked-down bus: NATS started with deploy/nats/nats.conf, a user per app', () => {
  let nats: NatsServer;
  let stack: Stack;
  let admin: NatsConnection;
  const connections: NatsConnection[] = [];
  const as = async (user: User) => {
    const nc = await connectAs(user, nats.url);
    connections.push(nc);
    return nc;
  };

  beforeAll(async () => {
    nats = await startLockedDownNats();
    stack = await startStack({
      mode: 'distributed',
      servers: { natsUrl: nats.url },
      processEnv: Object.fromEntries(
        (['gateway', ...SERVICE_APPS] as const).map((app) => [
          app,
          { NATS_USER: app, NATS_PASSWORD: passwords[app] },
        ]),
      ),
    });
    admin = await as('admin');
  }, 120_000);

  afterAll(async () => {
    await Promise.all(connections.map((nc) => nc.close()));
    await stack?.stop();
    await nats?.stop();
  });

  it('refuses a connection without a user or with a wrong password', async () => {
    const server = nats.url.replace(/^nats:\/\//, '');
    await expect(connect({ servers: server })).rejects.toThrow(/Authorization Violation/);
    await expect(connect({ servers: server, user: 'identify', pass: 'guess' })).rejects.toThrow(
      /Authorization Violation/,
    );
  });

  it('completes a case whose id another tenant claimed first with forged events', async () => {
    const standard = await seededStandard(stack.api);
    const jsm = await jetstreamManager(admin);
    const js = jetstream(admin);
    const forge = async (definition: { type: string }, caseId: string, data: object) => {
      const event = newEvent(definition.type, OWNER[definition.type]!, caseId, data, {
        tenantId: 'intruder',
        correlationId: randomUUID(),
        causationId: randomUUID(),
      });
      const ack = await js.publish(eventSubject(event.type), JSON.stringify(toCloudEvent(event)), {
        msgID: event.id,
      });
      return ack.seq;
    };
    const { final } = await driveCase(stack.api, standard, {
      externalId: 'bus-1',
      // Before the real case.identified and case.documented, another tenant claims the case id
      // in document and in assess; each forged event is handled before the case goes on.
      afterOpen: async (caseId) => {
        const scope = { outcomeIds: standard.outcomeIds, standardOutcomeIds: standard.outcomeIds };
        const identified = await forge(CaseIdentified, caseId, {
          caseId,
          candidateRef: randomUUID(),
          standardId: standard.id,
          standardVersion: '1',
          ...scope,
        });
        const documented = await forge(CaseDocumented, caseId, {
          caseId,
          standardId: standard.id,
          ...scope,
          evidenceCount: 1,
        });
        await handledUpTo(jsm, 'document--case-identified-v2', identified);
        await handledUpTo(jsm, 'assess--case-documented-v2', documented);
      },
    });
    expect(final).toMatchObject({ phase: 'completed', result: 'certified' });
  }, 60_000);

  it('lets certify publish the credential status events (revoke, suspend, reinstate)', async () => {
    const standard = await seededStandard(stack.api);
    const { caseId } = await driveCase(stack.api, standard, { externalId: 'bus-status' });
    const [credential] = (await stack.api.get(`/cases/${caseId}/credentials`)).body.items;
    const jsm = await jetstreamManager(admin);
    for (const [change, body] of [
      ['suspend', { reason: 'review' }],
      ['reinstate', undefined],
      ['revoke', { reason: 'wrong person' }],
    ] as const) {
      const res = await stack.api.post(`/credentials/${credential.id}/${change}`, body);
      expect({ change, status: res.status }).toEqual({ change, status: 200 });
    }
    // The outbox relays each event just after its transaction commits.
    for (const type of [
      CredentialSuspended.type,
      CredentialReinstated.type,
      CredentialRevoked.type,
    ]) {
      const deadline = Date.now() + 10_000;
      let last: string | undefined;
      while (last !== credential.id && Date.now() < deadline) {
        const msg = await jsm.streams
          .getMessage(EVENT_STREAM, { last_by_subj: eventSubject(type) })
          .catch(() => null);
        last = msg?.json<{ data: { credentialId: string } }>().data.credentialId;
        if (last !== credential.id) await new Promise((r) => setTimeout(r, 50));
      }
      expect({ type, credentialId: last }).toEqual({ type, credentialId: credential.id });
    }
  }, 60_000);

  it('lets identify publish need.recorded and need.changed', async () => {
    const standard = await seededStandard(stack.api);
    const jsm = await jetstreamManager(admin);
    const need = await stack.api.post('/needs', {
      title: 'Bus check',
      standardId: standard.id,
      people: { min: 1, max: 2 },
      sector: 'Q',
      neededBy: '2027-01-31',
    });
    expect(need.status).toBe(201);
    expect((await stack.api.send('PATCH', `/needs/${need.body.id}`, { region: '03' })).status).toBe(
      200,
    );
    for (const type of [NeedRecorded.type, NeedChanged.type]) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const stored = await jsm.streams
          .getMessage(EVENT_STREAM, { last_by_subj: eventSubject(type) })
          .catch(() => null);
        if (stored?.json<{ subject: string }>().subject === need.body.id) break;
        if (Date.now() > deadline) throw new Error(`${type} was not stored`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });

  // After the tests above, every type statistics consumes has been published at least once.
  it('lets statistics read its own consumers to the end and answer its commands', async () => {
    const jsm = await jetstreamManager(admin);
    for (const type of STATISTICS_CONSUMES) {
      const durable = `statistics--${type.replace(/^balanse\./, '').replace(/\./g, '-')}`;
      const deadline = Date.now() + 15_000;
      for (;;) {
        const info = await jsm.consumers.info(EVENT_STREAM, durable);
        const done = info.num_pending === 0 && info.num_ack_pending === 0;
        if (done && info.ack_floor.consumer_seq > 0) break;
        if (Date.now() > deadline) throw new Error(`${durable} did not handle its events`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const gateway = new NatsCommandTransport(await as('gateway'));
    const reply = await gateway.request(
      'balanse.cmd.statistics.rebuild.get',
      { context: { tenantId: 't', actor: 'bus-test', correlationId: randomUUID() }, data: {} },
      5_000,
    );
    expect(reply.ok).toBe(true);
  }, 30_000);

  it("lets a service publish only its own events: another's is refused and not stored", async () => {
    const jsm = await jetstreamManager(admin);
    const before = (await jsm.streams.info(EVENT_STREAM)).state.messages;
    for (const user of ['gateway', ...SERVICE_APPS] as const) {
      const js = jetstream(await as(user));
      for (const [type, owner] of Object.entries(OWNER)) {
        if (owner === user) continue;
        await expect(js.publish(eventSubject(type), '{}')).rejects.toThrow(PERMISSION_VIOLATION);
      }
    }
    expect((await jsm.streams.info(EVENT_STREAM)).state.messages).toBe(before);
  });

  it('lets nothing but the gateway send a command', async () => {
    for (const user of SERVICE_APPS) {
      const nc = await as(user);
      await expect(
        nc.request('balanse.cmd.identify.cases.get', '{}', { timeout: 2_000 }),
      ).rejects.toThrow(PERMISSION_VIOLATION);
    }
  });

  it('keeps each app to its own commands, replies and consumers', async () => {
    const document = await as('document');
    const refused = [
      'balanse.cmd.>',
      'balanse.cmd.identify.>',
      // Its own commands too, unless in its queue group (else it would see every command).
      'balanse.cmd.document.>',
      'balanse.events.>',
      '_INBOX.gateway.>',
      '_INBOX.identify.>',
      '_INBOX.>',
      // Another service's parts of large commands.
      'balanse.parts.identify.>',
      'balanse.parts.>',
    ];
    const closed = refused.map((subject) => document.subscribe(subject).closed);
    for (const result of await Promise.all(closed))
      expect(String(result)).toMatch(PERMISSION_VIOLATION);
    // Another service's durable consumer, and the stream itself, are out of reach.
    for (const subject of [
      '$JS.API.CONSUMER.MSG.NEXT.BALANSE_EVENTS.certify--case-assessed-v2',
      '$JS.API.CONSUMER.DELETE.BALANSE_EVENTS.certify--case-assessed-v2',
      '$JS.API.STREAM.UPDATE.BALANSE_EVENTS',
      '$JS.API.STREAM.PURGE.BALANSE_EVENTS',
      '$JS.API.STREAM.DELETE.BALANSE_EVENTS',
    ])
      await expect(document.request(subject, '{}', { timeout: 2_000 })).rejects.toThrow(
        PERMISSION_VIOLATION,
      );
    const gateway = await as('gateway');
    expect(String(await gateway.subscribe('balanse.cmd.>').closed)).toMatch(PERMISSION_VIOLATION);
  });

  it('ships the same users and permissions to Kubernetes', async () => {
    const shipped = await readFile(join(REPO_ROOT, 'deploy/nats/auth.conf'), 'utf8');
    const manifest = await readFile(join(REPO_ROOT, 'deploy/kubernetes/nats.yaml'), 'utf8');
    // The ConfigMap's `auth.conf: |` block, its four-space indent removed.
    const block = manifest.split('\n  auth.conf: |\n')[1]!.split(/\n(?! {4}|\n|$)/)[0]!;
    expect(block.replace(/^ {4}/gm, '') + '\n').toBe(shipped);
  });
});

describe('large calls on a locked-down bus: a 20 MB command and a 20 MB answer, in chunks', () => {
  let nats: NatsServer;
  const connections: NatsConnection[] = [];
  let gateway: NatsCommandTransport;
  let identify: NatsCommandTransport;
  const MB = 1024 * 1024;
  const body = 'Læringsutbytte € '.repeat(Math.ceil((20 * MB) / 20)).slice(0, 20 * MB);

  beforeAll(async () => {
    nats = await startLockedDownNats();
    for (const user of ['gateway', 'identify'] as const)
      connections.push(await connectAs(user, nats.url));
    gateway = new NatsCommandTransport(connections[0]!);
    identify = new NatsCommandTransport(connections[1]!);
    // The identify user's permissions, serving a command of its own with a large body and answer.
    await identify.serve('identify', async (_subject, message) => {
      const got = message.data['body'];
      return typeof got === 'string'
        ? { ok: true, data: { length: got.length, same: got === body } }
        : { ok: true, data: body };
    });
  }, 30_000);

  afterAll(async () => {
    await identify?.close();
    await Promise.all(connections.map((nc) => nc.close()));
    await nats?.stop();
  });

  const context = { tenantId: 't', actor: 'a', correlationId: 'c' };

  it('passes a 20 MB command in parts to one replica', async () => {
    const reply = await gateway.request(
      'balanse.cmd.identify.standards.import',
      { context, data: { body } },
      60_000,
      { large: true },
    );
    expect(reply).toEqual({ ok: true, data: { length: body.length, same: true } });
  }, 60_000);

  it('passes a 20 MB answer in chunks (allow_responses allows enough)', async () => {
    const reply = await gateway.request(
      'balanse.cmd.identify.standards.export',
      { context, data: {} },
      60_000,
      { large: true },
    );
    expect(reply.ok).toBe(true);
    expect((reply as { data: string }).data === body).toBe(true);
  }, 60_000);
});

describe('TLS to NATS, a configuration option of the apps', () => {
  let dir: string;
  let nats: NatsServer;

  // A CA and a server certificate for 127.0.0.1 it signed, made with openssl for this run.
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'balanse-tls-'));
    const openssl = (...args: string[]) =>
      execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    const subject = (cn: string) => ['-subj', `/CN=${cn}`];
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      ...subject('balanse-test-ca'),
    );
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      ...subject('127.0.0.1'),
    );
    // localhost too: on a connection to an IP address the client checks the name `localhost`.
    await writeFile(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    openssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      'san.cnf',
      '-out',
      'server.pem',
    );
    nats = await startNatsServer(
      ['--tls', '--tlscert', join(dir, 'server.pem'), '--tlskey', join(dir, 'server.key')],
      {},
    );
  }, 30_000);

  afterAll(async () => {
    await nats?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('connects when given the CA that signed the server, and not to a server it cannot verify', async () => {
    const url = nats.url.replace(/^nats:/, 'tls:');
    const trusted = natsSecurityFromEnv({ NATS_TLS_CA_FILE: join(dir, 'ca.pem') });
    const nc = await connectNats(url, 'probe', trusted);
    expect(nc.info?.tls_required).toBe(true);
    await nc.close();
    await expect(connectNats(url, 'probe', natsSecurityFromEnv({}))).rejects.toThrow(/certificate/);
  });
});
