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
