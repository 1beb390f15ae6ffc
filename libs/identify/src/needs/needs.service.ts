import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  budgetedPage,
  DomainError,
  ErrorCode,
  keysetAfter,
  NeedChanged,
  NeedRecorded,
  MAX_OUTCOMES_IN_SCOPE,
  pageLimit,
  validationError,
  type ChangeNeedDto,
  type CommandContext,
  type ListNeedsQueryDto,
  type Page,
  type RecordNeedDto,
} from '@balanse/contracts';
import { commandMeta, UnitOfWork } from '@balanse/messaging';
import { checkScope } from '../cases/scope';
import { outcomesOf, type Standard } from '../standards/standard.entity';
import { asStandardInputError, StandardsService } from '../standards/standards.service';
import type { Need } from './need.entity';
import { NeedRepository } from './need.repository';
import { needDimensions, needView, type NeedView } from './need.view';

/** Names the list in its cursors. */
const NEED_LIST = 'needs';

@Injectable()
export class NeedsService {
  constructor(
    private readonly needs: NeedRepository,
    private readonly standards: StandardsService,
    private readonly uow: UnitOfWork,
  ) {}

  /** Records a need and emits `need.recorded` in the same transaction. */
  async record(ctx: CommandContext, dto: RecordNeedDto): Promise<NeedView> {
    const standard = await this.standards
      .forCase(ctx.tenantId, dto.standardId, dto.standardVersion ?? undefined)
      .catch((err: unknown) => {
        throw asStandardInputError(err, dto.standardId);
      });
    const version = standard.version;
    const outcomeIds = requiredOutcomes(standard, dto.outcomeIds);
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const now = new Date();
      const need: Need = {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        title: dto.title,
        standardId: standard.id,
        standardVersion: version,
        outcomeIds,
        peopleMin: dto.people?.min ?? null,
        peopleMax: dto.people?.max ?? null,
        skilledShareMin: dto.skilledWorkerShare?.min ?? null,
        skilledShareMax: dto.skilledWorkerShare?.max ?? null,
        sector: dto.sector,
        region: dto.region ?? null,
        neededBy: dto.neededBy,
        recordedAt: now,
        updatedAt: now,
      };
      await this.needs.insert(tx.manager, need);
      await tx.emit(NeedRecorded, need.id, needDimensions(need));
      return needView(need);
    });
  }

  /** Changes the tenant's own need (a shared one is not its to change) and emits `need.changed`. */
  async change(ctx: CommandContext, id: string, dto: ChangeNeedDto): Promise<NeedView> {
    const changed = Object.entries(dto)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    if (changed.length === 0) {
      throw new DomainError(400, ErrorCode.VALIDATION_FAILED, 'invalid fields: (body)', undefined, [
        { field: '(body)', message: 'name at least one field to change' },
      ]);
    }
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const need = await this.needs.lockOwn(tx.manager, ctx.tenantId, id);
      if (!need) throw DomainError.notFound(ErrorCode.NEED_NOT_FOUND, 'need', id);
      if (dto.outcomeIds !== undefined) {
        const standard = await this.standards.forCase(
          ctx.tenantId,
          need.standardId,
          need.standardVersion ?? undefined,
          tx.manager,
        );
        need.outcomeIds = requiredOutcomes(standard, dto.outcomeIds);
      }
      if (dto.title !== undefined) need.title = dto.title;
      if (dto.people !== undefined)
        [need.peopleMin, need.peopleMax] = [dto.people.min, dto.people.max];
      if (dto.skilledWorkerShare !== undefined)
        [need.skilledShareMin, need.skilledShareMax] = [
          dto.skilledWorkerShare.min,
          dto.skilledWorkerShare.max,
        ];
      if (dto.sector !== undefined) need.sector = dto.sector;
      if (dto.region !== undefined) need.region = dto.region;
      if (dto.neededBy !== undefined) need.neededBy = dto.neededBy;
      need.updatedAt = new Date();
      await this.needs.save(tx.manager, need);
      await tx.emit(NeedChanged, need.id, { ...needDimensions(need), changed });
      return needView(need);
    });
  }

  async get(tenantId: string, id: string, manager?: EntityManager): Promise<Need> {
    const need = await this.needs.findVisible(tenantId, id, manager);
    if (!need) throw DomainError.notFound(ErrorCode.NEED_NOT_FOUND, 'need', id);
    return need;
  }

  /** A page of the needs the tenant sees (its own and the shared ones), oldest first. */
  async list(tenantId: string, query?: ListNeedsQueryDto): Promise<Page<NeedView>> {
    const after = keysetAfter(NEED_LIST, query, ['micros', 'uuid']);
    const limit = pageLimit(query);
    const rows = await this.needs.page(
      tenantId,
      { standardId: query?.standardId, sector: query?.sector, region: query?.region },
      after,
      limit + 1,
    );
    return budgetedPage(
      NEED_LIST,
      rows,
      limit,
      (r) => r.key,
      (r) => needView(r.row),
    );
  }
}

/** The outcomes a need requires, each checked against the standard; null keeps "all of them". */
export function requiredOutcomes(
  standard: Pick<Standard, 'clusters'>,
  outcomeIds: string[] | null | undefined,
): string[] | null {
  if (!outcomeIds) {
    // "All of them" is what a gap report then lists per case: bounded as a scope is.
    const count = outcomesOf(standard).length;
    if (count > MAX_OUTCOMES_IN_SCOPE)
      throw validationError([
        {
          field: 'outcomeIds',
          message: `the standard has ${count} learning outcomes; name the ones required (at most ${MAX_OUTCOMES_IN_SCOPE})`,
        },
      ]);
    return null;
  }
  return checkScope(
    outcomesOf(standard).map((o) => o.id),
    { outcomeIds },
  ).outcomeIds;
}
