import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { secretKeyMultibase } from '@balanse/credentials';
import { waitForReady } from './status';

/** The repository root: above `libs/testing/src` from the sources, above `dist/…` when built. */
export const REPO_ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

/** What a started process does with its output, besides keeping it (see `AppProcess.log`). */
export type EchoMode =
  /** Every line to this process's stderr, prefixed `[app]`; under jest the test environment keeps it and shows it only when a test fails. */
  | 'all'
  /** Only the child's stderr (the benchmark: warnings show, the banner does not). */
  | 'stderr'
  | 'none';

const KEEP_LINES = 2_000;

/**
 * The key identify encrypts webhook secrets with in tests (the distributed mode requires one):
 * given to a started identify unless the test or the environment sets its own.
 */
export const TEST_SECRETS_KEY = Buffer.alloc(32, 'balanse-test-secrets-key').toString('base64');

/**
 * The key certify signs credentials with in tests (the distributed mode requires one), as
 * `BALANSE_ISSUER_KEYS` configures it.
 */
export const TEST_ISSUER_KEYS = `test-key=${secretKeyMultibase(Buffer.alloc(32, 'balanse-test-issuer-key'))}`;

/** The secrets the distributed mode requires, for a started app that the test gives none. */
function withTestSecrets(app: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const set = (name: string) => !!env[name]?.trim() || !!env[`${name}_FILE`]?.trim();
  if (app === 'identify' && !set('BALANSE_SECRETS_KEY'))
    return { ...env, BALANSE_SECRETS_KEY: TEST_SECRETS_KEY };
  if (app === 'certify' && !set('BALANSE_ISSUER_KEYS'))
    return { ...env, BALANSE_ISSUER_KEYS: TEST_ISSUER_KEYS };
  return env;
}

/** Children still running; killed if this process exits without stopping them. */
const children = new Set<ChildProcess>();
const killChildren = () => {
  for (const child of children) child.kill('SIGKILL');
};

function spawnApp(app: string, env: NodeJS.ProcessEnv): ChildProcess {
  const main = join(REPO_ROOT, 'dist/apps', app, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [main], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (children.size === 0) process.on('exit', killChildren);
  children.add(child);
  child.once('exit', () => {
    children.delete(child);
    if (children.size === 0) process.off('exit', killChildren);
  });
  return child;
}

/** Splits a stream into lines and hands each complete one to `line`. */
function onLines(stream: NodeJS.ReadableStream, line: (text: string) => void): void {
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const l of lines) line(l);
  });
  stream.on('end', () => partial && line(partial));
}

/**
 * One app started as `node dist/apps/<app>/main.js`, the way it runs in production, with `/ready`
 * on `port`. Every line it prints is kept (the last 2,000) for error messages and `log()`.
 */
export class AppProcess {
  private child: ChildProcess | undefined;
  private readonly lines: string[] = [];

  constructor(
    /** The app (`dist/apps/<app>`). */
    readonly app: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly options: { name?: string; echo?: EchoMode; startTimeoutMs?: number } = {},
  ) {}

  /** The name in logs and in a stack's `processes`. */
  get name(): string {
    return this.options.name ?? this.app;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What it printed (stdout and stderr, the last 2,000 lines). */
  log(): string {
    return this.lines.join('\n');
  }

  /** Starts it and waits until `/ready` answers 200. */
  async start(timeoutMs = this.options.startTimeoutMs ?? 60_000): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    const child = spawnApp(
      this.app,
      withTestSecrets(this.app, {
        ...process.env,
        LOG_LEVEL: 'warn',
        ...this.env,
        PORT: String(this.port),
      }),
    );
    this.child = child;
    const echo = this.options.echo ?? 'all';
    const keep = (stream: 'stdout' | 'stderr') => (text: string) => {
      this.lines.push(text);
      if (this.lines.length > KEEP_LINES) this.lines.shift();
      if (echo === 'all' || (echo === 'stderr' && stream === 'stderr'))
        process.stderr.write(echo === 'all' ? `[${this.name}] ${text}\n` : `${text}\n`);
    };
    onLines(child.stdout!, keep('stdout'));
    onLines(child.stderr!, keep('stderr'));
    try {
      await waitForReady(this.url, {
        timeoutMs,
        alive: () => child.exitCode === null && child.signalCode === null,
        name: this.name,
      });
    } catch (err) {
      await this.kill();
      throw new Error(`${(err as Error).message} (exit ${child.exitCode}):\n${this.log()}`);
    }
  }

  /** A signal, then waits for the exit. SIGKILL (the default): no shutdown hooks, a crash. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /** SIGTERM (a clean stop), then SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.kill('SIGTERM');
    clearTimeout(timer);
  }

  /**
   * Changes its environment from the next start on (`undefined` removes a variable): a restart
   * with a rotated key, say.
   */
  setEnv(changes: Record<string, string | undefined>): void {
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined) delete this.env[name];
      else this.env[name] = value;
    }
  }

  /** Stops it (SIGTERM, or `signal`) and starts it again on the same port and data. */
  async restart(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (signal === 'SIGTERM') await this.stop();
    else await this.kill(signal);
    await this.start();
  }
}

/**
 * Runs an app until it exits and returns its code and output, for configuration tests. Only
 * `PATH` is inherited: the app sees exactly `env`.
 */
export function runToExit(
  app: string,
  env: Record<string, string>,
  timeoutMs = 15_000,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnApp(app, { PATH: process.env['PATH'] ?? '', ...env });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${app} did not exit within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const handedOut = new Set<number>();

/**
 * A free TCP port between 20000 and 32000: below Linux's ephemeral range (32768-60999), so a
 * process restarted on its port does not find it taken by some outgoing connection meanwhile.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (handedOut.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, () => server.close(() => resolve(true)));
    });
    if (free) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port found between 20000 and 32000');
}
