import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  budgetedPage,
  DomainError,
  ErrorCode,
  keysetAfter,
  pageLimit,
  type CommandContext,
  type CreateStandardDto,
  type Page,
  type PageQueryDto,
} from '@balanse/contracts';
import { commandMeta, UnitOfWork } from '@balanse/messaging';
import { SHARED_TENANT, Standard } from './standard.entity';
import { StandardRepository, type StandardHeadRow } from './standard.repository';

export interface StandardSummary {
  id: string;
  code: string;
  version: string;
  title: string;
  nqfLevel: number | null;
  sector: string | null;
  outcomeCount: number;
  shared: boolean;
}

/** Standards kept in memory (an LRU of this many); a standard never changes once created (a new version is a new one). */
const CACHE_LIMIT = 1000;

/** Names the list in its cursors. */
const STANDARD_LIST = 'standards';

@Injectable()
export class StandardsService {
  private readonly cache = new Map<string, Standard>();

  constructor(
    private readonly standards: StandardRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /** A page of the tenant's own standards and the shared ones, by code and version. */
  async list(tenantId: string, query?: PageQueryDto): Promise<Page<StandardSummary>> {
    const after = keysetAfter(STANDARD_LIST, query, ['text', 'text', 'uuid']);
    const limit = pageLimit(query);
    const rows = await this.standards.pageVisible(tenantId, after, limit + 1);
    return budgetedPage(STANDARD_LIST, rows, limit, (r) => [r.code, r.version, r.id], summary);
  }

  /** Pass the transaction's manager when inside one (PGlite has a single connection). */
  async get(tenantId: string, id: string, manager?: EntityManager): Promise<Standard> {
    const cached = this.cache.get(id);
    if (cached && (cached.tenantId === tenantId || cached.tenantId === SHARED_TENANT)) {
      // Least recently used first: a hit moves to the end, the first key is evicted.
      this.cache.delete(id);
      this.cache.set(id, cached);
      return cached;
    }
    const found = await this.standards.findVisible(tenantId, id, manager);
    if (!found) throw DomainError.notFound(ErrorCode.STANDARD_NOT_FOUND, 'standard', id);
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, found);
    return found;
  }

  /**
   * The reply is made inside the unit of work (under an Idempotency-Key it is what is stored),
   * and so is the check that the code and version are free: a retried creation finds its reply.
   */
  async create(ctx: CommandContext, dto: CreateStandardDto): Promise<StandardView> {
    const { tenantId } = ctx;
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const created = await this.standards.insert(tx.manager, {
        id: randomUUID(),
        tenantId,
        code: dto.code,
        version: dto.version,
        title: dto.title,
        nqfLevel: dto.nqfLevel ?? null,
        sector: dto.sector ?? null,
        clusters: buildClusters(dto, () => randomUUID()),
      });
      if (!created) {
        const id = await this.standards.idOf(tx.manager, tenantId, dto.code, dto.version);
        throw new DomainError(
          409,
          ErrorCode.STANDARD_CODE_TAKEN,
          `standard ${dto.code} version ${dto.version} exists`,
          { code: dto.code, version: dto.version, ...(id ? { id } : {}) },
        );
      }
      return standardView(created);
    });
  }
}

/** Gives every cluster, area and outcome an id; outcome codes default to C<n>-<m>. */
export function buildClusters(
  dto: Pick<CreateStandardDto, 'clusters'>,
  newId: (path: string) => string,
): Standard['clusters'] {
  return dto.clusters.map((cluster, ci) => ({
    id: newId(`c${ci}`),
    title: cluster.title,
    areas: cluster.areas.map((area, ai) => ({
      id: newId(`c${ci}a${ai}`),
      title: area.title,
      outcomes: area.outcomes.map((outcome, oi) => ({
        id: newId(`c${ci}a${ai}o${oi}`),
        code: outcome.code ?? `C${ci + 1}-A${ai + 1}-${oi + 1}`,
        statement: outcome.statement,
        category: outcome.category,
      })),
    })),
  }));
}

/** A stable UUID (v5 layout, SHA-1) so seeded ids are the same on every installation. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(`balanse:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function summary(s: StandardHeadRow): StandardSummary {
  return {
    id: s.id,
    code: s.code,
    version: s.version,
    title: s.title,
    nqfLevel: s.nqf_level,
    sector: s.sector,
    outcomeCount: s.outcome_count,
    shared: s.tenant_id === SHARED_TENANT,
  };
}

export type StandardView = ReturnType<typeof standardView>;

export function standardView(s: Standard) {
  const { tenantId, createdAt, ...rest } = s;
  return { ...rest, shared: tenantId === SHARED_TENANT, createdAt: createdAt.toISOString() };
}
