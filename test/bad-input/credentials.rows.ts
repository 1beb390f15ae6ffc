import { badInputGroup, endpointRows, validationRows, type BadRequest } from './bad-input.support';

const profile = { name: 'Solsiden sykehjem', url: 'https://solsiden.example.no' };

const rows: BadRequest[] = [
  ...endpointRows('GET /cases/{caseAssess}/credentials', 'GET /credentials/{unknown}'),
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
