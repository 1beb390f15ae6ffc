import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  NeedChanged,
  NeedChangedV1,
  NeedRecorded,
  NeedRecordedV1,
  StandardAnnounced,
  StandardAnnouncedV1,
  type NeedDimensionsV1,
} from '@balanse/contracts';
import type { EventContext } from '@balanse/messaging';

/**
 * What the tables set cases against and label them with: competence needs as identify last
 * described them, and the names of standards and outcomes. Each handler is idempotent by itself
 * (`idempotent: true`: no inbox, no transaction).
 */
@Controller()
export class ReferenceFactEvents {
  @EventPattern(NeedRecorded.type, { idempotent: true })
  recorded(@Payload() d: NeedRecordedV1, @Ctx() ctx: EventContext) {
    return this.need(d, ctx);
  }

  @EventPattern(NeedChanged.type, { idempotent: true })
  changed(@Payload() d: NeedChangedV1, @Ctx() ctx: EventContext) {
    return this.need(d, ctx);
  }

  /**
   * The newer description wins whatever the order of arrival (by event time). Then the need's
   * cases are marked dirty, since whether they cover it depends on the outcomes it requires: in a
   * statement of its own, after the need is committed, so that a case the roller took without
   * seeing the need is marked again (one statement would not see a case committed meanwhile).
   */
  private async need(d: NeedDimensionsV1, { tx, event }: EventContext) {
    await tx.manager.query(
      `INSERT INTO need_fact AS n (need_id, tenant_id, standard_id, outcome_ids, people_min,
         people_max, skilled_min, skilled_max, sector, region, needed_by, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (need_id) DO UPDATE SET
         standard_id = excluded.standard_id, outcome_ids = excluded.outcome_ids,
         people_min = excluded.people_min, people_max = excluded.people_max,
         skilled_min = excluded.skilled_min, skilled_max = excluded.skilled_max,
         sector = excluded.sector, region = excluded.region, needed_by = excluded.needed_by,
         changed_at = excluded.changed_at
       WHERE n.tenant_id = excluded.tenant_id AND n.changed_at < excluded.changed_at`,
      [
        d.needId,
        tx.tenantId,
        d.standardId,
        d.outcomeIds ?? null,
        d.people?.min ?? null,
        d.people?.max ?? null,
        d.skilledWorkerShare?.min ?? null,
        d.skilledWorkerShare?.max ?? null,
        d.sector,
        d.region ?? null,
        d.neededBy.slice(0, 10),
        event.time,
      ],
    );
    await tx.manager.query(
      `UPDATE case_fact SET dirty = true WHERE need_id = $1 AND tenant_id = $2`,
      [d.needId, tx.tenantId],
    );
  }

  /** Labels only: the first part announced of a version names it; outcomes come in each part. */
  @EventPattern(StandardAnnounced.type, { idempotent: true })
  async announced(@Payload() d: StandardAnnouncedV1, @Ctx() { tx }: EventContext) {
    await tx.manager.query(
      `WITH standard AS (
         INSERT INTO standard_label (standard_id, standard_version, code, title_nb, title_en)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING)
       INSERT INTO outcome_label (outcome_id, standard_id, code, title_nb, title_en)
       SELECT o.id, $1, o.code, o.nb, o.en
       FROM unnest($6::uuid[], $7::text[], $8::text[], $9::text[]) AS o(id, code, nb, en)
       ON CONFLICT DO NOTHING`,
      [
        d.standardId,
        d.standardVersion,
        d.code,
        d.title.nb,
        d.title.en,
        d.outcomes.map((o) => o.id),
        d.outcomes.map((o) => o.code),
        d.outcomes.map((o) => o.statement.nb),
        d.outcomes.map((o) => o.statement.en),
      ],
    );
  }
}
