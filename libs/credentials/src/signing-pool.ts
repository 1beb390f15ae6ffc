// Signing off the event loop, on every core: a fixed pool of worker threads (one per core by
// default), each running `signCredential` with its own warm jsonld caches. A batch is cut into
// small chunks that idle threads take in turn, so both cores of a 2-core host stay busy and the
// event loop only moves JSON. A handful of lines of node:worker_threads rather than piscina: the
// pool needs no task routing, timeouts or cancellation, and the runtime image gains no dependency.
// Threads are started on first use and kept (a new thread loads jsonld and fills its caches on its
// first signatures, tens of milliseconds each) and are unref'd while idle, so an idle pool never
// keeps the process alive.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Ed25519Multikey } from './keys';
import { CredentialError, ProblemCode } from './problems';

type Json = Record<string, unknown>;

/** What the pool sends a thread. */
export interface SigningJob {
  job: number;
  credentials: Json[];
  key: Pick<Ed25519Multikey, 'id' | 'secretKeyMultibase'>;
  /** ISO 8601; one time for the whole batch. */
  created: string;
}

/** What a thread answers. */
export type SigningReply =
  | { job: number; signed: Json[] }
  | { job: number; error: { name: string; message: string; code?: string; path?: string } };

interface Job extends SigningJob {
  resolve(signed: Json[]): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  current?: Job;
}

function errorFrom(reply: Extract<SigningReply, { error: unknown }>['error']): Error {
  if (reply.name === 'CredentialError' && reply.code)
    return new CredentialError(reply.code as ProblemCode, reply.message, reply.path);
  const error = new Error(reply.message);
  error.name = reply.name;
  return error;
}

function startWorker(): Worker {
  const file = join(__dirname, `signing-worker${__filename.endsWith('.ts') ? '.ts' : '.js'}`);
  // From the TypeScript sources (tests) the thread compiles them as it loads them.
  return file.endsWith('.ts')
    ? new Worker(
        `require(${JSON.stringify(join(__dirname, '../../../tools/swc-register.cjs'))}); require(${JSON.stringify(file)});`,
        { eval: true },
      )
    : new Worker(file);
}

export interface SigningPoolOptions {
  /** Threads; default one per core (`os.availableParallelism()`). */
  size?: number;
}

export class SigningPool {
  readonly size: number;
  private readonly threads: Thread[] = [];
  private readonly queue: Job[] = [];
  private nextJob = 0;
  private closed = false;

  constructor(options: SigningPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? availableParallelism()));
  }

  /**
   * Signs every credential as `signCredential` would (pinned contexts, one `created` for the
   * batch), the results in the order given. Rejects with the first failure: the CredentialError
   * (with its code) where there is one behind it, else an Error with jsonld's name and message.
   */
  async sign(
    credentials: readonly Json[],
    key: Pick<Ed25519Multikey, 'id' | 'secretKeyMultibase'>,
    options: { created?: Date } = {},
  ): Promise<Json[]> {
    if (this.closed) throw new Error('The signing pool is closed');
    if (credentials.length === 0) return [];
    const created = (options.created ?? new Date()).toISOString();
    const threadKey = { id: key.id, secretKeyMultibase: key.secretKeyMultibase };
    // Small chunks (about four per thread, at most 16 credentials) keep every thread busy to the
    // end of the batch; each message costs far less than a signature.
    const chunk = Math.min(16, Math.max(1, Math.ceil(credentials.length / (this.size * 4))));
    const jobs: Promise<Json[]>[] = [];
    for (let i = 0; i < credentials.length; i += chunk) {
      const part = credentials.slice(i, i + chunk);
      jobs.push(
        new Promise<Json[]>((resolve, reject) => {
          this.queue.push({
            job: this.nextJob++,
            credentials: part,
            key: threadKey,
            created,
            resolve,
            reject,
          });
        }),
      );
    }
    this.dispatch();
    return (await Promise.all(jobs)).flat();
  }

  /** Stops the threads; jobs not yet done are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const pending = [...this.queue.splice(0), ...this.threads.flatMap((t) => t.current ?? [])];
    for (const job of pending) job.reject(new Error('The signing pool was closed'));
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let thread = this.threads.find((t) => !t.current);
      if (!thread && this.threads.length < this.size) thread = this.start();
      if (!thread) return;
      const job = this.queue.shift()!;
      const { job: id, credentials, key, created } = job;
      try {
        // Throws for what structured clone cannot copy (a function, a symbol): that batch fails.
        thread.worker.postMessage({ job: id, credentials, key, created } satisfies SigningJob);
      } catch (error) {
        job.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      thread.current = job;
      thread.worker.ref();
    }
  }

  private start(): Thread {
    const thread: Thread = { worker: startWorker() };
    const fail = (error: Error) => {
      const index = this.threads.indexOf(thread);
      if (index < 0) return;
      this.threads.splice(index, 1);
      thread.current?.reject(error);
      thread.current = undefined;
      if (!this.closed) this.dispatch();
    };
    thread.worker.on('message', (reply: SigningReply) => {
      const job = thread.current;
      if (!job || job.job !== reply.job) return;
      thread.current = undefined;
      if ('error' in reply) job.reject(errorFrom(reply.error));
      else job.resolve(reply.signed);
      if (this.queue.length > 0) this.dispatch();
      else thread.worker.unref();
    });
    thread.worker.on('error', fail);
    thread.worker.on('exit', (code) => fail(new Error(`A signing thread stopped (exit ${code})`)));
    this.threads.push(thread);
    return thread;
  }
}

let shared: SigningPool | undefined;

/**
 * Signs a batch on the shared pool (one thread per core, started on first use): the throughput
 * path for issuing many credentials. Same output as `signCredential` on each, with the pinned
 * contexts and one `created` for the batch.
 */
export function signCredentials(
  credentials: readonly Json[],
  key: Pick<Ed25519Multikey, 'id' | 'secretKeyMultibase'>,
  options: { created?: Date; pool?: SigningPool } = {},
): Promise<Json[]> {
  const pool = options.pool ?? (shared ??= new SigningPool());
  return pool.sign(credentials, key, options);
}

/** Stops the shared pool's threads (shutdown, tests); the next batch starts it again. */
export async function closeSharedSigningPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
