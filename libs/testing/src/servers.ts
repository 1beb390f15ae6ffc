import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** The servers the integration tests use (set by global-setup). */
export function testServers(): { natsUrl: string; databaseUrl: string } {
  return {
    natsUrl: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
    databaseUrl: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

/**
 * A URL for a fresh database on the test server, or on `server` (created by the service that
 * opens it).
 */
export function databaseUrlFor(name: string, server = testServers().databaseUrl): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export async function dropDatabases(
  names: string[],
  server = testServers().databaseUrl,
): Promise<void> {
  const admin = new URL(server);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Deletes the event stream (and so every durable consumer) so a test starts from nothing. */
export async function resetEventStream(
  stream = 'BALANSE_EVENTS',
  natsUrl = testServers().natsUrl,
): Promise<void> {
  const nc = await connect({ servers: natsUrl.replace(/^nats:\/\//, '') });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
}

/** Every event in the stream, oldest first (what a test of the distributed mode inspects). */
export async function readEventStream(
  stream = 'BALANSE_EVENTS',
  natsUrl = testServers().natsUrl,
): Promise<Array<Record<string, any>>> {
  const nc = await connect({ servers: natsUrl.replace(/^nats:\/\//, '') });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream);
    const out: Array<Record<string, any>> = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const msg = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (msg) out.push(msg.json());
    }
    return out;
  } finally {
    await nc.close();
  }
}
