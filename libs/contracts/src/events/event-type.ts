import type { ClassConstructor } from 'class-transformer';

/** A versioned event type and the class-validator class of its payload (`data`). */
export interface EventDefinition<T extends object = object> {
  /** CloudEvents `type`, e.g. `balanse.case.identified.v1`; a breaking change is a new version. */
  readonly type: string;
  readonly payload: ClassConstructor<T>;
}

export function defineEvent<T extends object>(
  type: string,
  payload: ClassConstructor<T>,
): EventDefinition<T> {
  return { type, payload };
}
