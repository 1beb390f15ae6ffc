import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { freePort } from './processes';
import { pollUntil } from './status';

/**
 * Servers of a test's own, for fault tests that stop, kill and restart them: the shared test
 * servers must not be touched, other test files use them at the same time.
 */

const run = promisify(execFile);

/** PostgreSQL refuses to run as root: as root, every server command runs as `postgres`. */
const AS_ROOT = userInfo().uid === 0;
const PG_USER = 'postgres';

async function postgresBin(): Promise<string> {
  const root = '/usr/lib/postgresql';
  const versions = (await readdir(root).catch(() => [] as string[])).sort(
    (a, b) => Number(b) - Number(a),
  );
  if (!versions.length) throw new Error(`no PostgreSQL server under ${root}`);
  return join(root, versions[0]!, 'bin');
}

/**
 * A PostgreSQL cluster of its own: `initdb` into a temp folder, trust auth, listening on
 * 127.0.0.1 on a port of its own (its socket in that folder). Durability is off (`fsync=off`):
 * a fast restart still writes everything, and an immediate one recovers from the WAL.
 */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly bin: string,
  ) {}

  static async create(): Promise<PrivatePostgres> {
    const bin = await postgresBin();
    const dir = await mkdtemp(join(tmpdir(), 'balanse-pg-'));
    const pg = new PrivatePostgres(await freePort(), dir, bin);
    if (AS_ROOT) {
      const { stdout } = await run('id', ['-u', PG_USER]);
      const { stdout: gid } = await run('id', ['-g', PG_USER]);
      await chown(dir, Number(stdout), Number(gid));
    }
    await pg.pgCommand('initdb', [
      '-D',
      pg.dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    return pg;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private command(tool: string, args: string[]): [string, string[]] {
    return AS_ROOT
      ? ['runuser', ['-u', PG_USER, '--', join(this.bin, tool), ...args]]
      : [join(this.bin, tool), args];
  }

  private async pgCommand(tool: string, args: string[]): Promise<string> {
    const [file, argv] = this.command(tool, args);
    try {
      const { stdout, stderr } = await run(file, argv, { cwd: this.dir, timeout: 120_000 });
      return stdout + stderr;
    } catch (err) {
      const e = err as Error & { stdout?: string; stderr?: string };
      throw new Error(`${tool} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  }

  /** pg_ctl runs the server detached: stop it if this process exits without `destroy()`. */
  private readonly stopOnExit = () => {
    const [file, argv] = this.command('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', 'stop']);
    try {
      execFileSync(file, argv, { stdio: 'ignore', timeout: 10_000 });
    } catch {
      /* not running */
    }
  };

  /** Starts the server and waits until it accepts connections. */
  async start(): Promise<void> {
    process.off('exit', this.stopOnExit).on('exit', this.stopOnExit);
    const options = [
      `-p ${this.port}`,
      `-k ${this.dir}`,
      `-c listen_addresses=127.0.0.1`,
      `-c fsync=off`,
      `-c max_connections=200`,
    ].join(' ');
    await this.pgCommand('pg_ctl', [
      '-D',
      this.dataDir,
      '-o',
      options,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /**
   * `fast`: sessions are ended, the server writes a checkpoint and exits (what an operator's
   * restart does). `immediate`: it exits at once, the next start recovers (a crash).
   */
  async stop(options: { mode?: 'fast' | 'immediate' } = {}): Promise<void> {
    await this.pgCommand('pg_ctl', [
      '-D',
      this.dataDir,
      '-m',
      options.mode ?? 'fast',
      '-w',
      '-t',
      '60',
      'stop',
    ]);
  }

  async restart(options: { mode?: 'fast' | 'immediate'; downMs?: number } = {}): Promise<void> {
    await this.stop(options);
    if (options.downMs) await new Promise((r) => setTimeout(r, options.downMs));
    await this.start();
  }

  /** A URL for database `db` on this server (the services create theirs when they start). */
  url(db = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${db}`;
  }

  /** Runs one query on database `db` and returns its rows. */
  async query<T = Record<string, unknown>>(
    db: string,
    sql: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    const client = new Client({ connectionString: this.url(db) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** What the server logged (for a failing test). */
  async log(): Promise<string> {
    return readFile(join(this.dir, 'server.log'), 'utf8').catch(() => '');
  }

  /** Stops the server at once and removes its folder. */
  async destroy(): Promise<void> {
    await this.stop({ mode: 'immediate' }).catch(() => undefined);
    process.off('exit', this.stopOnExit);
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * A nats-server of its own with JetStream on a store in a temp folder: `kill()` it (SIGKILL by
 * default, a crash) and `start()` it again on the same port and store.
 */
export class PrivateNats {
  private child: ChildProcess | undefined;
  private output = '';

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async create(): Promise<PrivateNats> {
    return new PrivateNats(await freePort(), await mkdtemp(join(tmpdir(), 'balanse-nats-')));
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  log(): string {
    return this.output;
  }

  /** Starts the server and waits until JetStream answers. */
  async start(): Promise<void> {
    if (this.running) throw new Error('nats-server is already running');
    const child = spawn(
      'nats-server',
      ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', join(this.dir, 'store')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    const keep = (c: Buffer) => {
      this.output = (this.output + c.toString()).slice(-100_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const killOnExit = () => child.kill('SIGKILL');
    process.on('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    await pollUntil(
      async () => {
        if (!this.running) throw new Error(`nats-server exited:\n${this.output}`);
        return (await this.jetStreamAnswers()) ? true : undefined;
      },
      () => `nats-server on ${this.port} not ready:\n${this.output}`,
      { timeoutMs: 30_000, pollMs: 100 },
    );
  }

  private async jetStreamAnswers(): Promise<boolean> {
    try {
      const nc = await connect({ servers: `127.0.0.1:${this.port}`, timeout: 1_000 });
      try {
        await (await jetstreamManager(nc)).getAccountInfo();
        return true;
      } finally {
        await nc.close();
      }
    } catch {
      return false;
    }
  }

  /** Sends `signal` (SIGKILL by default: no flush, a crash) and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /** Stops the server and removes its store. */
  async destroy(): Promise<void> {
    await this.kill();
    await rm(this.dir, { recursive: true, force: true });
  }
}
