import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CommandContext, IssuerProfileDto } from '@balanse/contracts';
import { commandMeta, UnitOfWork } from '@balanse/messaging';
import { IssuerProfile } from './issuer-profile.entity';

/** Until a tenant sets its own, its credentials name the platform. */
export const DEFAULT_ISSUER = { name: 'Balanse', url: null, image: null } as const;

@Injectable()
export class IssuerProfileService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** `manager`: inside a transaction (the embedded database has one connection: never beside it). */
  async get(tenantId: string, manager = this.dataSource.manager): Promise<IssuerProfileView> {
    const found = await manager.findOneBy(IssuerProfile, { tenantId });
    return found ? view(found) : { ...DEFAULT_ISSUER, custom: false, updatedAt: null };
  }

  /** Sets the tenant's profile as a whole (an image left out is removed). */
  async put(ctx: CommandContext, dto: IssuerProfileDto): Promise<IssuerProfileView> {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      await tx.manager.upsert(
        IssuerProfile,
        { tenantId: ctx.tenantId, name: dto.name, url: dto.url, image: dto.image ?? null },
        ['tenantId'],
      );
      return view((await tx.manager.findOneBy(IssuerProfile, { tenantId: ctx.tenantId }))!);
    });
  }
}

export interface IssuerProfileView {
  name: string;
  url: string | null;
  image: string | null;
  /** false: the default, the tenant has set none. */
  custom: boolean;
  updatedAt: string | null;
}

function view(p: IssuerProfile): IssuerProfileView {
  return {
    name: p.name,
    url: p.url,
    image: p.image,
    custom: true,
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}
