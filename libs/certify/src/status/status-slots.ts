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
const FILL = 0.5;
const PROBES = 64;

/** Where a credential's status is: list `list`, bit `index` (the same in both purposes' lists). */
export interface StatusSlot {
  list: number;
  index: number;
}

/** The URL a status list credential is served at (public, no login). */
export function statusListUrl(publicUrl: string, list: number, purpose: StatusPurpose): string {
  return `${publicUrl}/api/v1/status-lists/${list}/${purpose}`;
}

/** Hands each new credential a slot at a random free index of the list being filled. */
@Injectable()
export class StatusSlots {
  /** In the issuing transaction: the list row stays locked until it commits. */
  async allocate(manager: EntityManager): Promise<StatusSlot> {
    let list = await this.filling(manager);
    if (!list || list.allocated >= list.length * FILL) {
      await manager.query(
        `INSERT INTO status_list (list, length) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [(list?.list ?? 0) + 1, STATUS_LIST_MIN_LENGTH],
      );
      list = (await this.filling(manager))!;
    }
    for (let probe = 0; probe < PROBES; probe++) {
      const index = randomInt(list.length);
      const taken: unknown[] = await manager.query(
        `SELECT 1 FROM credential WHERE status_list = $1 AND status_index = $2`,
        [list.list, index],
      );
      if (taken.length > 0) continue;
      await manager.query(`UPDATE status_list SET allocated = allocated + 1 WHERE list = $1`, [
        list.list,
      ]);
      return { list: list.list, index };
    }
    throw new StatusListError(
      'STATUS_LIST_FULL',
      `no free index found in status list ${list.list}`,
    );
  }

  private async filling(
    manager: EntityManager,
  ): Promise<{ list: number; length: number; allocated: number } | undefined> {
    const rows: Array<{ list: number; length: number; allocated: number }> = await manager.query(
      `SELECT list, length, allocated FROM status_list ORDER BY list DESC LIMIT 1 FOR UPDATE`,
    );
    return rows[0];
  }
}
