import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '@balanse/contracts';
import { signCredential } from '@balanse/credentials';
import { IssuerConfig } from '../issuer/issuer-config';
import { statusListCredential, type StatusPurpose } from '../status/status-credential';
import { StatusList } from '../status/status-list';
import { statusListUrl } from '../status/status-slots';

/** How long verifiers and caches may keep a list: `ttl` in the credential, `max-age` in HTTP. */
export const STATUS_LIST_TTL_SECONDS = 60;

/** A signed BitstringStatusListCredential as served, with its ETag. */
export interface SignedStatusList {
  credential: Record<string, unknown>;
  etag: string;
  maxAgeSeconds: number;
}

/** The column counting a purpose's changes, and the one whose non-null sets the bit. */
const COLUMNS: Record<StatusPurpose, { revision: string; set: string }> = {
  revocation: { revision: 'revocation_revision', set: 'revoked_at' },
  suspension: { revision: 'suspension_revision', set: 'suspended_at' },
};

/**
 * Serves the signed status lists. Signing costs milliseconds, so each list is kept signed and
 * rebuilt only when its revision (bumped in the transaction that changes a credential's status)
 * or the signing key has changed; builds of one list at the same moment share one.
 */
@Injectable()
export class StatusListPublisher {
  private readonly cache = new Map<
    string,
    { revision: number; keyId: string; signed: SignedStatusList }
  >();
  private readonly building = new Map<string, Promise<SignedStatusList>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly issuer: IssuerConfig,
  ) {}

  async get(list: number, purpose: StatusPurpose): Promise<SignedStatusList> {
    const columns = COLUMNS[purpose];
    // The revision first, then the bits: a change committed between is in the bits, and the
    // next request (seeing the newer revision) rebuilds; never older bits under a newer revision.
    const rows: Array<{ length: number; revision: number }> = await this.dataSource.query(
      `SELECT length, ${columns.revision} AS revision FROM status_list WHERE list = $1`,
      [list],
    );
    const row = rows[0];
    if (!row)
      throw new DomainError(
        404,
        ErrorCode.STATUS_LIST_NOT_FOUND,
        `status list ${list} was not found`,
        { list },
      );
    const key = `${list}/${purpose}`;
    const keyId = this.issuer.keys.current.id;
    const cached = this.cache.get(key);
    if (cached && cached.revision === row.revision && cached.keyId === keyId) return cached.signed;
    const inFlight = this.building.get(key);
    if (inFlight) return inFlight;
    const build = this.build(list, purpose, row.length)
      .then((signed) => {
        const newer = this.cache.get(key);
        if (!newer || newer.revision <= row.revision)
          this.cache.set(key, { revision: row.revision, keyId, signed });
        return signed;
      })
      .finally(() => this.building.delete(key));
    this.building.set(key, build);
    return build;
  }

  private async build(list: number, purpose: StatusPurpose, length: number) {
    const bits = new StatusList(length);
    const set: Array<{ status_index: number }> = await this.dataSource.query(
      `SELECT status_index FROM credential WHERE status_list = $1 AND ${COLUMNS[purpose].set} IS NOT NULL`,
      [list],
    );
    for (const { status_index } of set) bits.set(status_index);
    const validFrom = new Date();
    const unsigned = statusListCredential({
      id: statusListUrl(this.issuer.publicUrl, list, purpose),
      issuer: this.issuer.did,
      statusPurpose: purpose,
      list: bits,
      validFrom,
      ttlMs: STATUS_LIST_TTL_SECONDS * 1000,
    });
    const credential = await signCredential(
      unsigned as unknown as Record<string, unknown>,
      this.issuer.signingKey,
      { created: validFrom },
    );
    const etag = `"${createHash('sha256').update(JSON.stringify(credential)).digest('base64url').slice(0, 32)}"`;
    return { credential, etag, maxAgeSeconds: STATUS_LIST_TTL_SECONDS };
  }
}
