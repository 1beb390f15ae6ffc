import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, IDEMPOTENCY_KEY_HOURS, type IdempotencyClaim } from '@balanse/contracts';

/** A command sent with an `Idempotency-Key`, while its handler runs. */
export interface IdempotencyScope extends IdempotencyClaim {
  tenantId: string;
  /** Set once a unit of work has committed under the key: later ones in the command are plain. */
  settled: boolean;
}

/**
 * Set by `BalanseServer.runCommand` around the handler of a command that carries a key; read by
 * `UnitOfWork.run`, which claims the key in its transaction (see `claimKey`).
 */
export const idempotencyScope = new AsyncLocalStorage<IdempotencyScope>();

const EXPIRED = `now() - interval '${IDEMPOTENCY_KEY_HOURS} hours'`;

/**
 * Claims the key first thing in the creation's transaction. A fresh key (or one expired) is
 * inserted and the work goes ahead; the key held by a transaction still running makes this one
 * wait on the primary key until that one ends. A key already taken answers its stored reply
 * when the request is the same, and 422 IDEMPOTENCY_KEY_REUSED when it is not.
 */
export async function claimKey(
  manager: EntityManager,
  scope: IdempotencyScope,
): Promise<{ reply: unknown } | null> {
  const claimed: unknown[] = await manager.query(
    `INSERT INTO idempotency_key (tenant_id, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, key) DO UPDATE
        SET request_hash = EXCLUDED.request_hash, reply = NULL, created_at = now()
      WHERE idempotency_key.created_at < ${EXPIRED}
     RETURNING 1`,
    [scope.tenantId, scope.key, scope.requestHash],
  );
  if (claimed.length > 0) return null;
  const rows: Array<{ request_hash: string; reply: string | null }> = await manager.query(
    'SELECT request_hash, reply FROM idempotency_key WHERE tenant_id = $1 AND key = $2',
    [scope.tenantId, scope.key],
  );
  if (rows[0]?.request_hash !== scope.requestHash) throw DomainError.keyReused();
  return { reply: rows[0].reply === null ? null : JSON.parse(rows[0].reply) };
}

/** Stores the reply with the key, in the same transaction, before it commits. */
export async function storeReply(
  manager: EntityManager,
  scope: IdempotencyScope,
  reply: unknown,
): Promise<void> {
  await manager.query('UPDATE idempotency_key SET reply = $3 WHERE tenant_id = $1 AND key = $2', [
    scope.tenantId,
    scope.key,
    JSON.stringify(reply ?? null),
  ]);
}

/** Deletes expired keys, at most once an hour per process, after a keyed creation. */
export class KeyPruner {
  private last = 0;
  private readonly log = new Logger('idempotency');

  constructor(
    private readonly dataSource: DataSource,
    private readonly everyMs = 3_600_000,
  ) {}

  maybePrune(): void {
    const now = Date.now();
    if (now - this.last < this.everyMs) return;
    this.last = now;
    this.dataSource
      .query(`DELETE FROM idempotency_key WHERE created_at < ${EXPIRED}`)
      .catch((err: unknown) =>
        this.log.warn(`pruning expired idempotency keys failed: ${(err as Error).message}`),
      );
  }
}
