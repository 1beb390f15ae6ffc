import { randomUUID } from 'node:crypto';
import { CloudEvent } from 'cloudevents';

/**
 * A domain event as services see it. On the wire it is a CloudEvents 1.0 JSON envelope; tenant,
 * correlation and causation travel as the extensions `tenantid`, `correlationid`, `causationid`
 * (CloudEvents allows only lower-case letters and digits in extension names).
 */
export interface DomainEvent<T = unknown> {
  id: string;
  type: string;
  source: string;
  /** The case id. */
  subject: string;
  time: string;
  tenantId: string;
  correlationId: string;
  /** The id of the event or request that caused this one. */
  causationId: string;
  data: T;
}

export type EventMeta = Pick<DomainEvent, 'tenantId' | 'correlationId' | 'causationId'>;

/** Events caused by a command: correlated with, and caused by, the request. */
export function commandMeta(ctx: { tenantId: string; correlationId: string }): EventMeta {
  return {
    tenantId: ctx.tenantId,
    correlationId: ctx.correlationId,
    causationId: ctx.correlationId,
  };
}

export function newEvent<T>(
  type: string,
  source: string,
  subject: string,
  data: T,
  meta: EventMeta,
): DomainEvent<T> {
  return { id: randomUUID(), type, source, subject, time: new Date().toISOString(), ...meta, data };
}

export function toCloudEvent(event: DomainEvent): Record<string, unknown> {
  const ce = new CloudEvent({
    specversion: '1.0',
    id: event.id,
    type: event.type,
    source: event.source,
    subject: event.subject,
    time: event.time,
    datacontenttype: 'application/json',
    tenantid: event.tenantId,
    correlationid: event.correlationId,
    causationid: event.causationId,
    data: event.data,
  });
  return ce.toJSON() as Record<string, unknown>;
}

/** Parses and checks a received envelope (throws on anything that is not a valid CloudEvent). */
export function fromCloudEvent(json: unknown): DomainEvent {
  if (json === null || typeof json !== 'object') throw new Error('event is not a JSON object');
  const raw = json as Record<string, unknown>;
  if (raw['specversion'] !== '1.0') throw new Error('event is not CloudEvents 1.0');
  if (typeof raw['id'] !== 'string' || raw['id'] === '') throw new Error('event has no id'); // the SDK would invent one
  const ce = new CloudEvent(json as Record<string, unknown>, true);
  const ext = ce as unknown as Record<string, unknown>;
  for (const name of ['subject', 'time', 'tenantid', 'correlationid', 'causationid']) {
    if (typeof ext[name] !== 'string' || ext[name] === '') throw new Error(`event has no ${name}`);
  }
  return {
    id: ce.id,
    type: ce.type,
    source: ce.source,
    subject: ce.subject as string,
    time: ce.time as string,
    tenantId: ext['tenantid'] as string,
    correlationId: ext['correlationid'] as string,
    causationId: ext['causationid'] as string,
    data: ce.data,
  };
}
