import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { StandardAnnounced } from '@balanse/contracts';
import { UnitOfWork, type Tx } from '@balanse/messaging';
import { announcementParts } from './announcement';
import type { Standard } from './standard.entity';
import { StandardsService } from './standards.service';

/**
 * Tells a tenant's other services the content of each standard version its cases pin
 * (`standard.announced`), once per tenant and version, in the transaction that opens the first
 * such case: the announcement is in the stream before that case.opened.
 */
@Injectable()
export class StandardAnnouncer implements OnApplicationBootstrap {
  private readonly log = new Logger('identify');
  /** Announcements known to be committed: most cases open on a version announced long ago. */
  private readonly known = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly standards: StandardsService,
  ) {}

  /** Announces, in `tx`, the versions among these that the tenant was not told of yet. */
  async announce(tx: Tx, versions: ReadonlyArray<Pick<Standard, 'id' | 'version'>>): Promise<void> {
    const wanted = new Map(versions.map((v) => [`${tx.tenantId}/${v.id}@${v.version}`, v]));
    for (const [key, { id, version }] of wanted) {
      if (this.known.has(key)) continue;
      const inserted: unknown[] = await tx.manager.query(
        `INSERT INTO standard_announcement (tenant_id, standard_id, version) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING version`,
        [tx.tenantId, id, version],
      );
      if (inserted.length === 0) {
        this.known.add(key);
        continue;
      }
      const standard = await this.standards.forCase(tx.tenantId, id, version, tx.manager);
      const parts = announcementParts(standard);
      await tx.emitMany(
        StandardAnnounced,
        parts.map((data) => ({ subject: id, data })),
      );
    }
  }

  /** Versions cases used before announcements existed are announced at start. */
  async onApplicationBootstrap(): Promise<void> {
    const pending: Array<{ tenant_id: string; standard_id: string; version: number }> =
      await this.dataSource.query(
        `SELECT DISTINCT c.tenant_id, c.standard_id, c.standard_version AS version
           FROM competence_case c
          WHERE NOT EXISTS (SELECT 1 FROM standard_announcement a
                             WHERE a.tenant_id = c.tenant_id AND a.standard_id = c.standard_id
                               AND a.version = c.standard_version)`,
      );
    for (const row of pending) {
      const correlationId = randomUUID();
      await this.uow.run(
        { tenantId: row.tenant_id, correlationId, causationId: correlationId },
        (tx) => this.announce(tx, [{ id: row.standard_id, version: row.version }]),
      );
    }
    if (pending.length > 0)
      this.log.log(`announced ${pending.length} standard version(s) that cases already used`);
  }
}
