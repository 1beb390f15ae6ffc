/** JetStream subjects for events; commands use `balanse.cmd.…`, so the stream never captures them. */
export const EVENT_SUBJECT_PREFIX = 'balanse.events';
export const EVENT_STREAM = 'BALANSE_EVENTS';

/** `balanse.case.identified.v1` → `balanse.events.case.identified.v1` */
export function eventSubject(type: string): string {
  return `${EVENT_SUBJECT_PREFIX}.${type.replace(/^balanse\./, '')}`;
}
