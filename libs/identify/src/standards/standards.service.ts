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
  type PatchStandardDto,
} from '@balanse/contracts';
import { commandMeta, UnitOfWork } from '@balanse/messaging';
import { SHARED_TENANT, type Standard, type StandardVersionRecord } from './standard.entity';
import { StandardRepository, type StandardHeadRow, type VersionRow } from './standard.repository';
import { buildClusters, idsOf, NO_IDS } from './standard-tree';

/**
 * Published versions kept in memory, least recently used out first, up to this many outcomes in
 * all (a standard may hold 25,000, so a count of versions would not bound the memory); a
 * published version never changes.
 */
const CACHE_OUTCOMES = 100_000;

/** Names the lists in their cursors. */
const STANDARD_LIST = 'standards';
const VERSION_LIST = 'standard-versions';

@Injectable()
export class StandardsService {
  private readonly cache = new Map<string, Standard>();
  private cachedOutcomes = 0;

  constructor(
    private readonly standards: StandardRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /** A page of the tenant's own standards and the shared ones, by code, each as its current version. */
  async list(tenantId: string, query?: PageQueryDto): Promise<Page<StandardSummary>> {
    const after = keysetAfter(STANDARD_LIST, query, ['text', 'uuid']);
    const limit = pageLimit(query);
    const rows = await this.standards.pageVisible(tenantId, after, limit + 1);
    return budgetedPage(STANDARD_LIST, rows, limit, (r) => [r.code, r.id], summary);
  }

  /** A page of the standard's versions, oldest first. */
  async versions(
    tenantId: string,
    id: string,
    query?: PageQueryDto,
  ): Promise<Page<VersionSummary>> {
    // A version number fits the digits-only `micros` key part.
    const after = keysetAfter(VERSION_LIST, query, ['micros']);
    const limit = pageLimit(query);
    if (!(await this.standards.isVisible(tenantId, id)))
      throw DomainError.notFound(ErrorCode.STANDARD_NOT_FOUND, 'standard', id);
    const rows = await this.standards.pageVersions(
      tenantId,
      id,
      after ? Number(after[0]) : null,
      limit + 1,
    );
    return budgetedPage(VERSION_LIST, rows, limit, (r) => [String(r.version)], versionSummary);
  }

  /** `version`, or the published one (the draft while none is); 404 for either unknown. */
  async get(tenantId: string, id: string, version?: number): Promise<Standard> {
    const found = await this.standards.findVisible(tenantId, id, version);
    if (found) return found;
    if (version !== undefined && (await this.standards.isVisible(tenantId, id)))
      throw versionNotFound(id, version);
    throw DomainError.notFound(ErrorCode.STANDARD_NOT_FOUND, 'standard', id);
  }

  /**
   * The version a case pins: `version` or the published one, never a draft (409). Cached, as a
   * published version never changes. Pass the transaction's manager when inside one.
   */
  async forCase(
    tenantId: string,
    id: string,
    version?: number,
    manager?: EntityManager,
  ): Promise<Standard> {
    // The default version's number is a small read; its content then comes from the cache (a
    // standard may be megabytes, and every case opened on it asks).
    const wanted = version ?? (await this.standards.currentVersion(tenantId, id, manager));
    const key = wanted === null ? undefined : `${id}@${wanted}`;
    const cached = key ? this.cache.get(key) : undefined;
    if (cached && (cached.tenantId === tenantId || cached.tenantId === SHARED_TENANT)) {
      // Least recently used first: a hit moves to the end, the first key is evicted.
      this.cache.delete(key!);
      this.cache.set(key!, cached);
      return cached;
    }
    const found = await this.standards.findVisible(tenantId, id, version, manager);
    if (!found) {
      if (version !== undefined && (await this.standards.isVisible(tenantId, id, manager)))
        throw versionNotFound(id, version);
      throw DomainError.notFound(ErrorCode.STANDARD_NOT_FOUND, 'standard', id);
    }
    if (found.status === 'draft') {
      throw new DomainError(
        409,
        ErrorCode.STANDARD_VERSION_DRAFT,
        `version ${found.version} is a draft; publish it before opening cases on it`,
        { id, version: found.version, status: found.status },
        [{ field: 'standardVersion', message: 'must be a published version' }],
      );
    }
    this.remember(`${id}@${found.version}`, found);
    return found;
  }

  private remember(key: string, standard: Standard): void {
    if (standard.outcomeCount > CACHE_OUTCOMES || this.cache.has(key)) return;
    this.cache.set(key, standard);
    this.cachedOutcomes += standard.outcomeCount;
    while (this.cachedOutcomes > CACHE_OUTCOMES) {
      const [oldest, evicted] = this.cache.entries().next().value!;
      this.cache.delete(oldest);
      this.cachedOutcomes -= evicted.outcomeCount;
    }
  }

  /**
   * Version 1 as a draft. The reply is made inside the unit of work (under an Idempotency-Key
   * it is what is stored), and so is the check that the code is free.
   */
  async create(ctx: CommandContext, dto: CreateStandardDto): Promise<StandardView> {
    const { tenantId } = ctx;
    const id = randomUUID();
    const clusters = buildClusters(dto.clusters, NO_IDS, () => randomUUID());
    return this.uow.run(commandMeta(ctx), async (tx) => {
      if (!(await this.standards.insertStandard(tx.manager, { id, tenantId, code: dto.code }))) {
        const taken = await this.standards.idOf(tx.manager, tenantId, dto.code);
        throw new DomainError(
          409,
          ErrorCode.STANDARD_CODE_TAKEN,
          `standard ${dto.code} exists`,
          { code: dto.code, ...(taken ? { id: taken } : {}) },
          [{ field: 'code', message: 'the tenant has a standard with this code' }],
        );
      }
      await this.standards.insertVersion(tx.manager, {
        standardId: id,
        version: 1,
        tenantId,
        status: 'draft',
        ...content(dto),
        clusters,
      });
      return this.viewIn(tx.manager, tenantId, id, 1);
    });
  }

  /** Changes a draft: each field given replaces the draft's. 409 once published. */
  async patch(
    ctx: CommandContext,
    id: string,
    version: number,
    dto: PatchStandardDto,
  ): Promise<StandardView> {
    const { tenantId } = ctx;
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const draft = await this.draftIn(tx.manager, tenantId, id, version);
      const changes: Partial<StandardVersionRecord> = {};
      if (dto.title) changes.title = dto.title;
      if (dto.description) changes.description = dto.description;
      if (dto.owner) changes.owner = dto.owner;
      if (dto.nqfLevel !== undefined) changes.nqfLevel = dto.nqfLevel;
      if (dto.sector !== undefined) changes.sector = dto.sector;
      if (dto.clusters)
        changes.clusters = buildClusters(dto.clusters, idsOf(draft.clusters), () => randomUUID());
      if (dto.extensions) changes.extensions = dto.extensions;
      if (Object.keys(changes).length > 0)
        await this.standards.updateDraft(tx.manager, draft, changes);
      return this.viewIn(tx.manager, tenantId, id, version);
    });
  }

  /** The draft becomes immutable and the version cases get; the one published before is superseded. */
  async publish(ctx: CommandContext, id: string, version: number): Promise<StandardView> {
    const { tenantId } = ctx;
    return this.uow.run(commandMeta(ctx), async (tx) => {
      await this.lockOwn(tx.manager, tenantId, id);
      await this.draftIn(tx.manager, tenantId, id, version);
      await this.standards.publish(tx.manager, id, version);
      return this.viewIn(tx.manager, tenantId, id, version);
    });
  }

  /** A new draft, a copy of the published version (outcome ids kept); 409 while a draft exists. */
  async newDraft(ctx: CommandContext, id: string): Promise<StandardView> {
    const { tenantId } = ctx;
    return this.uow.run(commandMeta(ctx), async (tx) => {
      await this.lockOwn(tx.manager, tenantId, id);
      const versions = await this.standards.versionsOf(tx.manager, id);
      const draft = versions.find((v) => v.status === 'draft');
      if (draft) {
        throw new DomainError(
          409,
          ErrorCode.STANDARD_DRAFT_EXISTS,
          `standard has a draft already: version ${draft.version}`,
          { id, version: draft.version },
        );
      }
      const published = (await this.standards.findVisible(tenantId, id, undefined, tx.manager))!;
      const version = versions[0]!.version + 1;
      await this.standards.insertVersion(tx.manager, {
        standardId: id,
        version,
        tenantId,
        status: 'draft',
        title: published.title,
        description: published.description,
        owner: published.owner,
        nqfLevel: published.nqfLevel,
        sector: published.sector,
        clusters: published.clusters,
        extensions: published.extensions,
      });
      return this.viewIn(tx.manager, tenantId, id, version);
    });
  }

  /** Writes go to the tenant's own standards only: a shared one is read-only (404 to write). */
  private async lockOwn(manager: EntityManager, tenantId: string, id: string): Promise<void> {
    if (!(await this.standards.lockOwn(manager, tenantId, id)))
      throw DomainError.notFound(ErrorCode.STANDARD_NOT_FOUND, 'standard', id);
  }

  private async draftIn(
    manager: EntityManager,
    tenantId: string,
    id: string,
    version: number,
  ): Promise<StandardVersionRecord> {
    const found = await this.standards.lockVersion(manager, tenantId, id, version);
    if (!found) {
      if (await this.standards.lockOwn(manager, tenantId, id)) throw versionNotFound(id, version);
      throw DomainError.notFound(ErrorCode.STANDARD_NOT_FOUND, 'standard', id);
    }
    if (found.status !== 'draft') {
      throw new DomainError(
        409,
        ErrorCode.STANDARD_VERSION_PUBLISHED,
        `version ${version} is ${found.status}; start a new draft to change the standard`,
        { id, version, status: found.status },
      );
    }
    return found;
  }

  private async viewIn(
    manager: EntityManager,
    tenantId: string,
    id: string,
    version: number,
  ): Promise<StandardView> {
    return standardView((await this.standards.findVisible(tenantId, id, version, manager))!);
  }
}

function versionNotFound(id: string, version: number): DomainError {
  return new DomainError(
    404,
    ErrorCode.STANDARD_VERSION_NOT_FOUND,
    `standard ${id} has no version ${version}`,
    { id, version },
  );
}

function content(dto: CreateStandardDto) {
  return {
    title: dto.title,
    description: dto.description ?? null,
    owner: dto.owner,
    nqfLevel: dto.nqfLevel ?? null,
    sector: dto.sector ?? null,
    extensions: dto.extensions ?? null,
  };
}

/** A stable UUID (v5 layout, SHA-1) so seeded ids are the same on every installation. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(`balanse:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type StandardSummary = ReturnType<typeof summary>;

function summary(s: StandardHeadRow) {
  return {
    id: s.id,
    code: s.code,
    version: s.version,
    status: s.status,
    title: s.title,
    owner: s.owner,
    nqfLevel: s.nqf_level,
    sector: s.sector,
    outcomeCount: s.outcome_count,
    shared: s.tenant_id === SHARED_TENANT,
  };
}

export type VersionSummary = ReturnType<typeof versionSummary>;

function versionSummary(v: VersionRow) {
  return {
    version: v.version,
    status: v.status,
    title: v.title,
    outcomeCount: v.outcome_count,
    createdAt: v.created_at.toISOString(),
    publishedAt: v.published_at?.toISOString() ?? null,
  };
}

export type StandardView = ReturnType<typeof standardView>;

export function standardView(s: Standard) {
  const { tenantId, createdAt, publishedAt, extensions, ...rest } = s;
  return {
    ...rest,
    ...(extensions ? { extensions } : {}),
    shared: tenantId === SHARED_TENANT,
    createdAt: new Date(createdAt).toISOString(),
    publishedAt: publishedAt ? new Date(publishedAt).toISOString() : null,
  };
}

/**
 * A standard named in a request body (a case's, a need's) is an input, not the resource: its
 * absence is 422 naming `standardId`, an unknown version 422 naming `standardVersion`.
 */
export function asStandardInputError(err: unknown, standardId: string): unknown {
  if (!(err instanceof DomainError)) return err;
  if (err.code === ErrorCode.STANDARD_NOT_FOUND)
    return new DomainError(
      422,
      ErrorCode.STANDARD_NOT_FOUND,
      `standard ${standardId} was not found`,
      undefined,
      [{ field: 'standardId', message: 'no such standard for this tenant' }],
    );
  if (err.code === ErrorCode.STANDARD_VERSION_NOT_FOUND)
    return new DomainError(422, err.code, err.message, err.details, [
      { field: 'standardVersion', message: 'the standard has no such version' },
    ]);
  return err;
}
