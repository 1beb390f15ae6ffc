import { isUuid, TENANT_PATTERN } from '@balanse/contracts';
import type { DomainEvent } from '../events/domain-event';
import { eventSubject } from '../events/event-subjects';

/** Our own envelopes are a few KB; anything near the bus's 1 MB is not one of ours. */
export const MAX_EVENT_BYTES = 256 * 1024;

/** What one consumer believes. */
export interface EnvelopeRules {
  /** The one event type (name and version) the consumer handles. */
  type: string;
  /** `/balanse/<owner>`: the only source believed for `type` (see EVENT_OWNERS). */
  source: string;
  maxBytes?: number;
}

export type EnvelopeCheck =
  | { ok: true; event: DomainEvent }
  /** `problem` names what is wrong without echoing the sender's text; `parsed` is the JSON, if it was. */
  | { ok: false; problem: string; parsed?: unknown };

/** Correlation and causation ids: request ids or event ids, printable ASCII. */
const TRACE_ID = /^[\x20-\x7e]{1,200}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks a received envelope before anything else reads it: one size check, one scan for an
 * escaped NUL (PostgreSQL can store it neither in `text` nor in `jsonb`), one JSON.parse, then
 * the CloudEvents attributes, that the sender owns the type and sent it on the type's subject,
 * and that the payload's case id is the envelope's subject. Pure and cheap: it runs on every
 * delivery.
 */
export function checkEnvelope(
  delivery: { subject: string; body: string },
  rules: EnvelopeRules,
): EnvelopeCheck {
  const { body } = delivery;
  const maxBytes = rules.maxBytes ?? MAX_EVENT_BYTES;
  // A character is at least one byte: only a long-enough text needs counting.
  if (body.length > maxBytes / 3 && Buffer.byteLength(body) > maxBytes)
    return { ok: false, problem: `is over the limit of ${maxBytes} bytes` };
  const nul = hasNul(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'is not JSON' };
  }
  const fail = (problem: string): EnvelopeCheck => ({ ok: false, problem, parsed });
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return fail('is not a JSON object');
  if (nul) return fail('contains a NUL character (\\u0000)');
  const e = parsed as Record<string, unknown>;
  if (e['specversion'] !== '1.0') return fail('specversion is not 1.0');
  if (!isUuid(e['id'])) return fail('id is not a UUID');
  if (e['type'] !== rules.type) return fail(`type is not ${rules.type}, the type consumed here`);
  const expectedSubject = eventSubject(rules.type);
  if (delivery.subject !== expectedSubject)
    return fail(`came on ${delivery.subject}, not on ${expectedSubject}`);
  if (e['source'] !== rules.source)
    return fail(`source is not ${rules.source}, the owner of ${rules.type}`);
  const tenantId = e['tenantid'];
  if (typeof tenantId !== 'string' || !TENANT_PATTERN.test(tenantId))
    return fail('tenantid is not a tenant name');
  const caseId = e['subject'];
  if (!isUuid(caseId)) return fail('subject (the case id) is not a UUID');
  const time = e['time'];
  if (typeof time !== 'string' || !ISO_TIME.test(time) || Number.isNaN(Date.parse(time)))
    return fail('time is not an ISO 8601 time');
  for (const name of ['correlationid', 'causationid']) {
    const v = e[name];
    if (typeof v !== 'string' || !TRACE_ID.test(v))
      return fail(`${name} is not 1-200 printable ASCII characters`);
  }
  if (e['datacontenttype'] !== undefined && e['datacontenttype'] !== 'application/json')
    return fail('datacontenttype is not application/json');
  const data = e['data'];
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return fail('data is not a JSON object');
  const payloadCase = (data as Record<string, unknown>)['caseId'];
  if (
    payloadCase !== undefined &&
    (typeof payloadCase !== 'string' || payloadCase.toLowerCase() !== caseId.toLowerCase())
  )
    return fail('data.caseId is not the subject');
  return {
    ok: true,
    event: {
      id: e['id'] as string,
      type: rules.type,
      source: rules.source,
      subject: caseId,
      time,
      tenantId,
      correlationId: e['correlationid'] as string,
      causationId: e['causationid'] as string,
      data,
    },
  };
}

/** Whether JSON text holds an escaped NUL (`\u0000` after an odd run of backslashes). */
export function hasNul(text: string): boolean {
  for (let i = text.indexOf('\\u0000'); i !== -1; i = text.indexOf('\\u0000', i + 1)) {
    let backslashes = 0;
    for (let j = i; j >= 0 && text.charCodeAt(j) === 92; j--) backslashes++;
    if (backslashes % 2 === 1) return true;
  }
  return false;
}
