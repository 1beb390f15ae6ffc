import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { STATUS_LIST_MIN_LENGTH, StatusListError } from './status-list';
import type { StatusPurpose } from './status-credential';

/**
 * A list takes new credentials until half its indexes are taken, then the next one starts: a
 * random probe then finds a free index within two tries on average, and a half-full list of
 * 131,072 still hides each credential among 65,536 (herd privacy).
 */
export const SLOTS_PER_LIST = STATUS_LIST_MIN_LENGTH / 2;
/** Random indexes offered at once; all of them taken in a half-full list: 1 in 2^32. */
const CANDIDATES = 32;

/** Where a credential's status is: list `list`, bit `index` (the same in both purposes' lists). */
export interface StatusSlot {
  list: number;
  index: number;
}

/** The URL a status list credential is served at (public, no login). */
export function statusListUrl(publicUrl: string, list: number, purpose: StatusPurpose): string {
  return `${publicUrl}/api/v1/status-lists/${list}/${purpose}`;
}

/**
 * Hands each new credential a slot at a random free index of the list being filled, in one
 * statement and without a lock that lasts: the sequence `status_slot` (not rolled back, so a
 * failed issue leaves a list a little emptier, never fuller) says which list, and the first of
 * the random candidates no credential holds is the index. Two issues that pick the same index at
 * the same moment meet at the unique index on (status_list, status_index): the second fails and
 * its event is retried.
 */
@Injectable()
export class StatusSlots {
  async allocate(manager: EntityManager): Promise<StatusSlot> {
    const candidates = Array.from({ length: CANDIDATES }, () => randomInt(STATUS_LIST_MIN_LENGTH));
    const rows: Array<{ list: number; index: number | null }> = await manager.query(
      `WITH slot AS (SELECT (nextval('status_slot') / $1)::int + 1 AS list),
            created AS (INSERT INTO status_list (list, length) SELECT list, $2 FROM slot
                        ON CONFLICT DO NOTHING)
       SELECT slot.list,
              (SELECT c.i FROM unnest($3::int[]) WITH ORDINALITY AS c(i, o)
                WHERE NOT EXISTS (SELECT 1 FROM credential
                                   WHERE status_list = slot.list AND status_index = c.i)
                ORDER BY c.o LIMIT 1) AS index
         FROM slot`,
      [SLOTS_PER_LIST, STATUS_LIST_MIN_LENGTH, candidates],
    );
    const { list, index } = rows[0]!;
    if (index === null)
      throw new StatusListError('STATUS_LIST_FULL', `no free index found in status list ${list}`);
    return { list, index };
  }
}
