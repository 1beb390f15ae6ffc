import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, validationError, type FieldError } from '@balanse/contracts';
import type { AnnouncedClusterV1, OutcomeCategory } from '@balanse/contracts';
import { AnnouncedStandards, type AnnouncedStandard } from '../standards/announced-standards';

/** What `GET /api/v1/outcomes/{standardId}/{version}/{outcomeId}` answers (public). */
export interface AnnouncedOutcomeView {
  standard: { id: string; code: string; version: string; title: { nb: string; en: string } };
  outcome: {
    id: string;
    code: string;
    statement: { nb: string; en: string };
    category: OutcomeCategory;
    cluster: AnnouncedClusterV1;
    nkrLevel?: number;
    eqfLevel?: number;
    escoSkills: string[];
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A version number as identify gives them: an integer from 1. */
const VERSION = /^[1-9][0-9]{0,5}$/;

/** The outcome and its standard, from the announced content; undefined for no such outcome. */
export function announcedOutcomeView(
  standard: AnnouncedStandard,
  outcomeId: string,
): AnnouncedOutcomeView | undefined {
  const o = standard.outcomes.find((x) => x.id === outcomeId);
  if (!o) return undefined;
  const cluster = standard.clusters.get(o.clusterId);
  return {
    standard: {
      id: standard.standardId,
      code: standard.code,
      version: standard.version,
      title: standard.title,
    },
    outcome: {
      id: o.id,
      code: o.code,
      statement: o.statement,
      category: o.category,
      cluster: {
        id: o.clusterId,
        ...(cluster?.code ? { code: cluster.code } : {}),
        title: cluster?.title ?? { nb: '', en: '' },
      },
      ...(o.nkrLevel ? { nkrLevel: o.nkrLevel } : {}),
      ...(o.eqfLevel ? { eqfLevel: o.eqfLevel } : {}),
      escoSkills: o.escoSkills,
    },
  };
}

/**
 * A learning outcome as a credential aligns to it: public (anyone verifying a credential opens
 * it), read from the standard versions announced to certify, whatever the tenant.
 */
@Injectable()
export class AnnouncedOutcomes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly standards: AnnouncedStandards,
  ) {}

  async get(standardId: unknown, version: unknown, outcomeId: unknown) {
    const fields: FieldError[] = [];
    if (typeof standardId !== 'string' || !UUID.test(standardId))
      fields.push({ field: 'standardId', message: 'standardId must be a UUID' });
    if (typeof version !== 'string' || !VERSION.test(version))
      fields.push({
        field: 'version',
        message: 'version must be a version number, an integer from 1',
      });
    if (typeof outcomeId !== 'string' || !UUID.test(outcomeId))
      fields.push({ field: 'outcomeId', message: 'outcomeId must be a UUID' });
    if (fields.length > 0) throw validationError(fields);
    const [sid, v, oid] = [standardId, version, outcomeId].map((s) => String(s).toLowerCase());
    const standard = await this.standards.findAny(this.dataSource.manager, sid!, v!);
    const view = standard && announcedOutcomeView(standard, oid!);
    if (!view)
      throw new DomainError(
        404,
        ErrorCode.OUTCOME_NOT_FOUND,
        `outcome ${oid} of standard ${sid} version ${v} was not found`,
        { standardId: sid, version: v, outcomeId: oid },
      );
    return view;
  }
}
