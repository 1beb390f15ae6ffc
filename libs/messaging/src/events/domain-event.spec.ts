import { checkEnvelope } from '../inbox/envelope-check';
import { newEvent, toCloudEvent } from './domain-event';
import { eventSubject } from './event-subjects';

describe('CloudEvents envelopes', () => {
  const type = 'balanse.case.opened.v1';
  const event = newEvent(
    type,
    '/balanse/identify',
    '0b1f5d8e-8a4c-4f57-9a53-2f1f3c0f4b8a',
    { a: 1 },
    { tenantId: 'acme', correlationId: 'req-1', causationId: 'req-1' },
  );

  it('round-trips tenant, correlation and causation as extensions', () => {
    const wire = toCloudEvent(event);
    expect(wire).toMatchObject({
      specversion: '1.0',
      tenantid: 'acme',
      correlationid: 'req-1',
      causationid: 'req-1',
      subject: event.subject,
    });
    const received = checkEnvelope(
      { subject: eventSubject(type), body: JSON.stringify(wire) },
      { type, source: '/balanse/identify' },
    );
    expect(received).toEqual({ ok: true, event });
  });

  it('keeps event subjects apart from command subjects', () => {
    expect(eventSubject('balanse.case.opened.v1')).toBe('balanse.events.case.opened.v1');
  });
});
