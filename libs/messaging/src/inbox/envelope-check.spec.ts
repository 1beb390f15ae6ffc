import { checkEnvelope, hasNul, MAX_EVENT_BYTES } from './envelope-check';

const TYPE = 'balanse.case.assessed.v2';
const RULES = { type: TYPE, source: '/balanse/assess' };
const SUBJECT = 'balanse.events.case.assessed.v2';
const CASE = '0b1f5d8e-8a4c-4f57-9a53-2f1f3c0f4b8a';

function envelope(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: '6f1c3a52-52a4-4b39-9df4-0b5c2e0d5a11',
    type: TYPE,
    source: '/balanse/assess',
    subject: CASE,
    time: '2026-11-29T12:00:00.000Z',
    tenantid: 'acme',
    correlationid: 'req-1',
    causationid: 'req-1',
    datacontenttype: 'application/json',
    data: { caseId: CASE, decision: 'certified' },
    ...changes,
  };
}

const check = (body: string, subject = SUBJECT) => checkEnvelope({ subject, body }, RULES);
const problem = (changes: Record<string, unknown>, subject?: string) => {
  const result = check(JSON.stringify(envelope(changes)), subject);
  return result.ok ? 'ok' : result.problem;
};

describe('checkEnvelope', () => {
  it('accepts a valid envelope as the event, extension attributes mapped', () => {
    const result = check(JSON.stringify(envelope({ unknownattribute: 'kept out' })));
    expect(result).toEqual({
      ok: true,
      event: {
        id: '6f1c3a52-52a4-4b39-9df4-0b5c2e0d5a11',
        type: TYPE,
        source: '/balanse/assess',
        subject: CASE,
        time: '2026-11-29T12:00:00.000Z',
        tenantId: 'acme',
        correlationId: 'req-1',
        causationId: 'req-1',
        data: { caseId: CASE, decision: 'certified' },
      },
    });
  });

  it.each([
    [{ specversion: '0.3' }, 'specversion is not 1.0'],
    [{ id: 'evt-1' }, 'id is not a UUID'],
    [{ id: undefined }, 'id is not a UUID'],
    [{ type: 'balanse.case.assessed.v1' }, `type is not ${TYPE}, the type consumed here`],
    [{ source: '/balanse/identify' }, `source is not /balanse/assess, the owner of ${TYPE}`],
    [{ source: '/balanse/evil' }, `source is not /balanse/assess, the owner of ${TYPE}`],
    [{ tenantid: 'ACME' }, 'tenantid is not a tenant name'],
    [{ tenantid: undefined }, 'tenantid is not a tenant name'],
    [{ subject: 'case-1' }, 'subject (the case id) is not a UUID'],
    [{ time: 'yesterday' }, 'time is not an ISO 8601 time'],
    [{ correlationid: '' }, 'correlationid is not 1-200 printable ASCII characters'],
    [{ causationid: 'x'.repeat(201) }, 'causationid is not 1-200 printable ASCII characters'],
    [{ datacontenttype: 'text/plain' }, 'datacontenttype is not application/json'],
    [{ data: [1] }, 'data is not a JSON object'],
    [{ data: undefined }, 'data is not a JSON object'],
    [
      { data: { caseId: '9b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d' } },
      'data.caseId is not the subject',
    ],
    [{ data: { caseId: 7 } }, 'data.caseId is not the subject'],
  ])('refuses %j: %s', (changes, expected) => {
    expect(problem(changes)).toBe(expected);
  });

  it('refuses an envelope that came on another subject than its type', () => {
    expect(problem({}, 'balanse.events.case.documented.v2')).toBe(
      `came on balanse.events.case.documented.v2, not on ${SUBJECT}`,
    );
  });

  it('accepts a case id in upper case as the same case', () => {
    expect(problem({ data: { caseId: CASE.toUpperCase() } })).toBe('ok');
  });

  it('refuses text that is not a JSON object, naming no content', () => {
    expect(check('{"id": ')).toEqual({ ok: false, problem: 'is not JSON' });
    expect(check('\u0000')).toEqual({ ok: false, problem: 'is not JSON' });
    expect(check('[1,2]')).toMatchObject({ ok: false, problem: 'is not a JSON object' });
    expect(check('null')).toMatchObject({ ok: false, problem: 'is not a JSON object' });
  });

  it('refuses an escaped NUL anywhere, in values and keys, and keeps the parsed JSON', () => {
    for (const e of [
      envelope({ tenantid: 'ac\u0000me' }),
      envelope({ data: { caseId: CASE, note: 'a\u0000' } }),
      envelope({ data: { caseId: CASE, ['k\u0000']: 1 } }),
    ]) {
      const result = check(JSON.stringify(e));
      expect(result).toMatchObject({ ok: false, problem: 'contains a NUL character (\\u0000)' });
      expect(result.ok || result.parsed).toBeTruthy();
    }
    // a backslash followed by the text u0000 is not a NUL
    expect(problem({ data: { caseId: CASE, note: '\\u0000' } })).toBe('ok');
  });

  it('refuses an envelope over the size limit before parsing it', () => {
    const big = JSON.stringify(
      envelope({ data: { caseId: CASE, pad: 'x'.repeat(MAX_EVENT_BYTES) } }),
    );
    expect(check(big)).toEqual({
      ok: false,
      problem: `is over the limit of ${MAX_EVENT_BYTES} bytes`,
    });
    const multiByte = JSON.stringify(
      envelope({ data: { caseId: CASE, pad: 'ø'.repeat(MAX_EVENT_BYTES / 2) } }),
    );
    expect(check(multiByte)).toMatchObject({ ok: false });
  });
});

describe('hasNul', () => {
  it.each([
    ['"\\u0000"', true],
    ['"\\\\u0000"', false],
    ['"\\\\\\u0000"', true],
    ['"u0000"', false],
    ['"\\u00001"', true],
  ])('%s → %s', (text, expected) => {
    expect(hasNul(text)).toBe(expected);
  });
});
