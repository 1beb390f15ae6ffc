import { fromCloudEvent, newEvent, toCloudEvent } from './domain-event';
import { eventSubject } from './event-subjects';

describe('CloudEvents envelopes', () => {
  const event = newEvent(
    'balanse.case.opened.v1',
    '/balanse/identify',
    'case-1',
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
      subject: 'case-1',
    });
    expect(fromCloudEvent(JSON.parse(JSON.stringify(wire)))).toEqual(event);
  });

  it('rejects envelopes without the required attributes', () => {
    const { tenantid: _omit, ...rest } = toCloudEvent(event);
    expect(() => fromCloudEvent(rest)).toThrow(/tenantid/);
    expect(() => fromCloudEvent('nope')).toThrow();
    expect(() => fromCloudEvent({ ...toCloudEvent(event), specversion: '0.3', id: '' })).toThrow();
  });

  it('keeps event subjects apart from command subjects', () => {
    expect(eventSubject('balanse.case.opened.v1')).toBe('balanse.events.case.opened.v1');
  });
});
