import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AnnouncedClusterV1,
  AnnouncedOutcomeV1,
  StandardAnnouncedV1,
} from '@balanse/contracts';

/** A standard version as certify knows it from identify's `standard.announced` parts. */
export interface AnnouncedStandard {
  standardId: string;
  version: string;
  code: string;
  title: { nb: string; en: string };
  ownerName?: string;
  nqfLevel?: number;
  clusters: Map<string, AnnouncedClusterV1>;
  /** In the standard's order. */
  outcomes: AnnouncedOutcomeV1[];
}

/** Standard versions kept whole in memory: they never change once announced. */
const CACHE_VERSIONS = 64;

/**
 * The standard versions a tenant's cases pin, as announced. A version is known once every part
 * has arrived (parts may come in any order, and more than once).
 */
@Injectable()
export class AnnouncedStandards {
  private readonly cache = new Map<string, AnnouncedStandard>();

  async store(manager: EntityManager, tenantId: string, part: StandardAnnouncedV1): Promise<void> {
    await manager.query(
      `INSERT INTO standard_part (tenant_id, standard_id, version, part, parts, content)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [
        tenantId,
        part.standardId,
        part.standardVersion,
        part.part,
        part.parts,
        JSON.stringify(part),
      ],
    );
  }

  /**
   * The version as announced to any tenant that has every part of it (a published standard's
   * content is the same for all, and is not personal data): what the public outcome route reads.
   */
  async findAny(
    manager: EntityManager,
    standardId: string,
    version: string,
  ): Promise<AnnouncedStandard | undefined> {
    const rows: Array<{ tenant_id: string }> = await manager.query(
      `SELECT tenant_id FROM standard_part WHERE standard_id = $1 AND version = $2
        GROUP BY tenant_id HAVING count(*) = max(parts) ORDER BY tenant_id LIMIT 1`,
      [standardId, version],
    );
    const tenantId = rows[0]?.tenant_id;
    return tenantId === undefined ? undefined : this.find(manager, tenantId, standardId, version);
  }

  /**
   * The version, when every part is here; without a version (a case from before versions were
   * carried), the highest the tenant was told of.
   */
  async find(
    manager: EntityManager,
    tenantId: string,
    standardId: string,
    version: string | null,
  ): Promise<AnnouncedStandard | undefined> {
    const wanted =
      version ??
      (
        await manager.query(
          `SELECT version FROM standard_part WHERE tenant_id = $1 AND standard_id = $2
            ORDER BY length(version) DESC, version DESC LIMIT 1`,
          [tenantId, standardId],
        )
      )[0]?.version;
    if (wanted === undefined) return undefined;
    const key = `${tenantId}/${standardId}@${wanted}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const rows: Array<{ content: StandardAnnouncedV1 }> = await manager.query(
      `SELECT content FROM standard_part WHERE tenant_id = $1 AND standard_id = $2 AND version = $3
        ORDER BY part`,
      [tenantId, standardId, wanted],
    );
    const parts = rows.map((r) => r.content);
    if (parts.length === 0 || parts.length !== parts[0]!.parts) return undefined;
    const first = parts[0]!;
    const standard: AnnouncedStandard = {
      standardId,
      version: wanted,
      code: first.code,
      title: first.title,
      ...(first.ownerName ? { ownerName: first.ownerName } : {}),
      ...(first.nqfLevel ? { nqfLevel: first.nqfLevel } : {}),
      clusters: new Map(parts.flatMap((p) => p.clusters).map((c) => [c.id, c])),
      outcomes: parts.flatMap((p) => p.outcomes),
    };
    this.cache.set(key, standard);
    if (this.cache.size > CACHE_VERSIONS) this.cache.delete(this.cache.keys().next().value!);
    return standard;
  }
}
