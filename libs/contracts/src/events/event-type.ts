import type { ClassConstructor } from 'class-transformer';

/** A versioned event type and the class-validator class of its payload (`data`). */
export interface EventDefinition<T extends object = object> {
  /** CloudEvents `type`, e.g. `balanse.case.identified.v1`; a breaking change is a new version. */
  readonly type: string;
  readonly payload: ClassConstructor<T>;
}

/** Payload classes of events, which are read tolerantly (see `isEventPayload`). */
const eventPayloads = new WeakSet<object>();

export function defineEvent<T extends object>(
  type: string,
  payload: ClassConstructor<T>,
): EventDefinition<T> {
  eventPayloads.add(payload);
  return { type, payload };
}

/**
 * Whether `cls` is an event payload. Consumers are tolerant readers of those: a field they do not
 * know is dropped, not refused, so a producer may add an optional field to a version without
 * dead-lettering it at consumers still on the older code. Commands keep refusing unknown fields.
 */
export function isEventPayload(cls: unknown): boolean {
  return typeof cls === 'function' && eventPayloads.has(cls);
}
