import { createHash } from 'node:crypto';
import type { Evidence } from './portfolio.entity';

/**
 * The SHA-256 (hex) of a piece of evidence as stored: its fields in a fixed order, as JSON. A
 * credential cites it (`evidence` with `digestSRI`), so anyone holding the record can show it is
 * the one the assessment rested on, while the credential carries none of its content.
 */
export function evidenceDigest(e: Evidence): string {
  const record = [
    e.id,
    e.kind,
    e.title,
    e.description,
    e.outcomeIds,
    e.issuer,
    e.periodFrom,
    e.periodTo,
    e.positionPercent,
    e.tasks,
    new Date(e.addedAt).toISOString(),
  ];
  return createHash('sha256').update(JSON.stringify(record), 'utf8').digest('hex');
}
