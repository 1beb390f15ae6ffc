import { badInputGroup, endpointRows, validationRows, type BadRequest } from './bad-input.support';

const profile = { name: 'Solsiden sykehjem', url: 'https://solsiden.example.no' };

const rows: BadRequest[] = [
  ...endpointRows(
    'GET /cases/{caseAssess}/credentials',
    'GET /credentials/{unknown}',
    'POST /credentials/{unknown}/revoke',
    'POST /credentials/{unknown}/suspend',
    'POST /credentials/{unknown}/reinstate',
  ),
  ...(['revoke', 'suspend', 'reinstate'] as const).map((change): BadRequest => ({
    name: `POST /credentials/{unknown}/${change} → 404`,
    method: 'POST',
    path: `/credentials/{unknown}/${change}`,
    ...(change === 'reinstate' ? {} : { body: { reason: 'probe' } }),
    status: 404,
    code: 'CREDENTIAL_NOT_FOUND',
  })),
  ...(['revoke', 'suspend'] as const).flatMap((change) =>
    validationRows('POST', `/credentials/{unknown}/${change}`, `POST /credentials/{id}/${change}`, [
      ['no body', undefined, 'reason'],
      ['a blank reason', { reason: '   ' }, 'reason'],
      ['an empty reason', { reason: '' }, 'reason'],
      ['a reason of 501 characters', { reason: 'x'.repeat(501) }, 'reason'],
      ['a reason as a number', { reason: 42 }, 'reason'],
      ['an unknown field', { reason: 'wrong person', category: 'error' }, 'category'],
    ]),
  ),
  {
    name: 'GET /status-lists/{n}/revocation of a list that does not exist → 404',
    method: 'GET',
    path: '/status-lists/999999/revocation',
    status: 404,
    code: 'STATUS_LIST_NOT_FOUND',
  },
  ...(
    [
      ['a list that is not a number', '/status-lists/abc/revocation', 'list'],
      ['list 0', '/status-lists/0/revocation', 'list'],
      ['a negative list', '/status-lists/-1/revocation', 'list'],
      ['a fractional list', '/status-lists/1.5/revocation', 'list'],
      ['a list past int', '/status-lists/99999999999/revocation', 'list'],
      ['an unknown purpose', '/status-lists/1/refresh', 'purpose'],
      ['a purpose in capitals', '/status-lists/1/REVOCATION', 'purpose'],
    ] as const
  ).map(([what, path, field]): BadRequest => ({
    name: `GET /status-lists/{list}/{purpose}: ${what} → 400 ${field}`,
    method: 'GET',
    path,
    status: 400,
    code: 'VALIDATION_FAILED',
    field,
  })),
  {
    name: 'GET /credentials/{unknown} → 404',
    method: 'GET',
    path: '/credentials/{unknown}',
    status: 404,
    code: 'CREDENTIAL_NOT_FOUND',
  },
  {
    name: 'POST /credentials/{id} (no such method) → 404',
    method: 'POST',
    path: '/credentials/{unknown}',
    status: 404,
    code: 'NOT_FOUND',
  },
  // The certificate (PDF) and the Europass credential (ELM) of a credential.
  ...endpointRows('GET /credentials/{unknown}/pdf', 'GET /credentials/{unknown}/elm'),
  ...['pdf', 'elm'].map((form): BadRequest => ({
    name: `GET /credentials/{unknown}/${form} → 404`,
    method: 'GET',
    path: `/credentials/{unknown}/${form}`,
    status: 404,
    code: 'CREDENTIAL_NOT_FOUND',
  })),
  ...['de', 'nb,de', 'NB', '', 'nb,en,nb'].map((lang): BadRequest => ({
    name: `GET /credentials/{unknown}/pdf?lang=${lang} → 400 lang`,
    method: 'GET',
    path: `/credentials/{unknown}/pdf?lang=${encodeURIComponent(lang)}`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'lang',
  })),
  {
    name: 'GET /credentials/{unknown}/pdf?lang=nb&lang=en (twice) → 400 lang',
    method: 'GET',
    path: '/credentials/{unknown}/pdf?lang=nb&lang=en',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'lang',
  },
  {
    name: 'POST /credentials/{id}/pdf (no such method) → 404',
    method: 'POST',
    path: '/credentials/{unknown}/pdf',
    status: 404,
    code: 'NOT_FOUND',
  },
  ...validationRows('PUT', '/issuer-profile', 'PUT /issuer-profile', [
    ['an empty body', {}, 'name'],
    ['a blank name', { ...profile, name: '  ' }, 'name'],
    ['a name of 201 characters', { ...profile, name: 'x'.repeat(201) }, 'name'],
    ['a url over http', { ...profile, url: 'http://solsiden.example.no' }, 'url'],
    ['a javascript: url', { ...profile, url: 'javascript:alert(1)' }, 'url'],
    ['an image that is not a URL', { ...profile, image: 'logo.png' }, 'image'],
    ['a url as a number', { ...profile, url: 42 }, 'url'],
    ['an unknown field', { ...profile, email: 'post@solsiden.example.no' }, 'email'],
  ]),
];

export const credentialRows = badInputGroup('credentials', rows);
