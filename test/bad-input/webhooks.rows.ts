import { badInputGroup, endpointRows, validationRows, type BadRequest } from './bad-input.support';

// This instance runs without BALANSE_WEBHOOKS_ALLOW_PRIVATE: private targets are refused.
const hook = (patch: Record<string, unknown>) => ({
  url: 'https://hr.example.com/hook',
  events: ['case.opened'],
  ...patch,
});

const rows: BadRequest[] = [
  ...endpointRows(
    'GET /webhooks',
    'POST /webhooks',
    'DELETE /webhooks/{unknown}',
    'GET /webhooks/{unknown}/deliveries',
  ),
  ...validationRows('POST', '/webhooks', 'POST webhook', [
    ['a loopback address', hook({ url: 'https://127.0.0.1/hook' }), 'url'],
    ['localhost', hook({ url: 'https://localhost:8443/hook' }), 'url'],
    ['IPv6 loopback', hook({ url: 'https://[::1]/hook' }), 'url'],
    ['a private address', hook({ url: 'https://10.0.0.7/hook' }), 'url'],
    ['a private address, IPv4-mapped', hook({ url: 'https://[::ffff:192.168.1.1]/hook' }), 'url'],
    ['the metadata address', hook({ url: 'https://169.254.169.254/latest/meta-data' }), 'url'],
    ['plain http', hook({ url: 'http://93.184.216.34/hook' }), 'url'],
    ['another scheme', hook({ url: 'file:///etc/passwd' }), 'url'],
    ['user info', hook({ url: 'https://user:pw@93.184.216.34/hook' }), 'url'],
    ['not a URL', hook({ url: 'hook' }), 'url'],
    ['a URL as a number', hook({ url: 42 }), 'url'],
    ['a URL of 2,001 characters', hook({ url: `https://x.example/${'a'.repeat(1983)}` }), 'url'],
    ['no events', hook({ events: [] }), 'events'],
    ['events as a string', hook({ events: 'case.opened' }), 'events'],
    ['an unknown event type', hook({ events: ['case.closed'] }), 'events.0'],
    ['the same event twice', hook({ events: ['case.opened', 'case.opened'] }), 'events.1'],
    ['a secret of 23 characters', hook({ secret: 's'.repeat(23) }), 'secret'],
    ['a secret with a space', hook({ secret: 'a secret that has spaces in it' }), 'secret'],
    ['a description of 201 characters', hook({ description: 'd'.repeat(201) }), 'description'],
    ['unknown field', hook({ headers: { 'x-api-key': 'k' } }), 'headers'],
  ]),
  {
    name: 'DELETE /webhooks/{unknown} → 404',
    method: 'DELETE',
    path: '/webhooks/{unknown}',
    status: 404,
    code: 'WEBHOOK_NOT_FOUND',
  },
  {
    name: 'GET /webhooks/{unknown}/deliveries → 404',
    method: 'GET',
    path: '/webhooks/{unknown}/deliveries',
    status: 404,
    code: 'WEBHOOK_NOT_FOUND',
  },
  {
    name: 'GET /webhooks/{unknown} (no such method) → 404',
    method: 'GET',
    path: '/webhooks/{unknown}',
    status: 404,
    code: 'NOT_FOUND',
  },
];

export const webhookRows = badInputGroup('webhooks', rows);
