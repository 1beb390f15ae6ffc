import { ApiClient, seededStandard } from '@balanse/testing';

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
jest.setTimeout(120_000);
const ROOT = join(__dirname, '..');
const CHILD = `
require('reflect-metadata');
const { transformSync } = require('@swc/core');
const { readFileSync } = require('node:fs');
const options = require('./tools/swc-options.cjs')({ paths: true });
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
const { startEmbedded } = require('./apps/embedded/src/embedded.ts');
startEmbedded({ dataDir: 'memory://', port: 0, adminToken: process.env.TOKEN, logger: false }).then(
  (e) => { process.send({ url: e.url }); process.on('message', () => e.close().then(() => process.exit(0))); },
  (err) => { console.error(err); process.exit(1); },
);
`;
let child: ChildProcess;
const out: string[] = [];
let emb: { url: string };
let api: ApiClient;
beforeAll(async () => {
  child = spawn(process.execPath, ['-e', CHILD], { cwd: ROOT, env: { ...process.env, TOKEN: 'tok' }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.stdout!.on('data', (c: Buffer) => out.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => out.push(c.toString()));
  emb = await new Promise((resolve, reject) => { child.once('message', (m) => resolve(m as { url: string })); child.once('exit', (code) => reject(new Error('exit ' + code + out.join('')))); });
  api = new ApiClient(emb.url, 'tok');
}, 120_000);
afterAll(async () => { child.send('close'); await new Promise((r) => child.once('exit', r)); console.log(out.join('').slice(0, 20000)); });

async function raw(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${emb.url}${path}`, { method, headers: { authorization: 'Bearer tok', ...headers }, body });
  return { status: res.status, ct: res.headers.get('content-type'), text: (await res.text()).slice(0, 300) };
}

it('probe', async () => {
  const std = await seededStandard(api);
  const J = { 'content-type': 'application/json' };
  const out: unknown[] = [];
  const p = async (name: string, r: Promise<unknown>) => out.push([name, await r]);
  await p('null', raw('POST', '/api/v1/cases', 'null', J));
  await p('string', raw('POST', '/api/v1/cases', '"x"', J));
  await p('array', raw('POST', '/api/v1/cases', '[]', J));
  await p('number', raw('POST', '/api/v1/cases', '5', J));
  await p('nobody', raw('POST', '/api/v1/cases'));
  await p('empty json', raw('POST', '/api/v1/cases', '', J));
  await p('text/plain', raw('POST', '/api/v1/cases', '{"a":1}', { 'content-type': 'text/plain' }));
  await p('candidate []', raw('POST', '/api/v1/cases', JSON.stringify({ standardId: std.id, candidate: [] }), J));
  await p('candidate [{}]', raw('POST', '/api/v1/cases', JSON.stringify({ standardId: std.id, candidate: [{ externalId: 'x', name: 'y' }] }), J));
  await p('NUL name', raw('POST', '/api/v1/cases', JSON.stringify({ standardId: std.id, candidate: { externalId: 'nul', name: 'a\u0000b' } }), J));
  await p('surrogate name', raw('POST', '/api/v1/cases', '{"standardId":"' + std.id + '","candidate":{"externalId":"sur","name":"a\\ud800b"}}', J));
  await p('__proto__', raw('POST', '/api/v1/cases', '{"standardId":"' + std.id + '","candidate":{"externalId":"pr","name":"b"},"__proto__":{"x":1}}', J));
  await p('constructor', raw('POST', '/api/v1/cases', '{"standardId":"' + std.id + '","candidate":{"externalId":"pr2","name":"b"},"constructor":{"x":1}}', J));
  const deep = '{"x":'.repeat(150000) + '1' + '}'.repeat(150000);
  await p('deep', raw('POST', '/api/v1/cases', deep, J));
  await p('deep arr', raw('POST', '/api/v1/cases', '{"standardId":"' + std.id + '","candidate":' + '['.repeat(150000) + ']'.repeat(150000) + '}', J));
  await p('bad uri', raw('GET', '/api/v1/cases/%E0%A4%A'));
  await p('bad uri2', raw('GET', '/api/v1/cases/%zz'));
  await p('gzip garbage', raw('POST', '/api/v1/cases', 'garbage', { ...J, 'content-encoding': 'gzip' }));
  await p('br', raw('POST', '/api/v1/cases', 'garbage', { ...J, 'content-encoding': 'foo' }));
  await p('charset', raw('POST', '/api/v1/cases', '{}', { 'content-type': 'application/json; charset=utf-16' }));
  await p('unknown route', raw('GET', '/api/v1/nope'));
  await p('unknown route noauth', raw('GET', '/api/v1/nope', undefined, { authorization: '' }));
  await p('bad tenant', raw('GET', '/api/v1/standards', undefined, { 'x-balanse-tenant': 'A_B' }));
  await p('empty tenant', raw('GET', '/api/v1/standards', undefined, { 'x-balanse-tenant': '' }));
  await p('dl bogus', raw('GET', '/api/v1/admin/dead-letters/bogus'));
  await p('dl replay', raw('POST', '/api/v1/admin/dead-letters/identify/00000000-0000-0000-0000-000000000000/replay'));
  await p('dl list', raw('GET', '/api/v1/admin/dead-letters/identify'));
  await p('huge', raw('POST', '/api/v1/cases', JSON.stringify({ x: 'a'.repeat(1_100_000) }), J));
  await p('huge noauth', raw('POST', '/api/v1/cases', JSON.stringify({ x: 'a'.repeat(1_100_000) }), { ...J, authorization: '' }));
  await p('malformed noauth', raw('POST', '/api/v1/cases', '{', { ...J, authorization: '' }));
  // open a case and go to document
  const c = await api.post('/cases', { standardId: std.id, candidate: { externalId: 'p1', name: 'P' } });
  await api.put(`/cases/${c.body.id}/scope`, { outcomeIds: std.outcomeIds.slice(0, 2) });
  await api.post(`/cases/${c.body.id}/identify/complete`);
  for (const from of ['2019-W05', '2019-123', '0000-01-01', '+2019-01-01', '2019-01-01T25:00:00Z', '2019-02-29', '20190101', '2019', '2019-01', '-2019-01-01', '9999-12-31T23:59:59+14:00', '2019-01-01T00:00:00.123456789Z', '275760-01-01']) {
    await p('period ' + from, api.post(`/cases/${c.body.id}/evidence`, { kind: 'other', title: 't', outcomeIds: std.outcomeIds.slice(0, 1), period: { from } }).then((r) => [r.status, JSON.stringify(r.body).slice(0, 200)]));
  }
  await p('period []', api.post(`/cases/${c.body.id}/evidence`, { kind: 'other', title: 't', outcomeIds: std.outcomeIds.slice(0, 1), period: [] }).then((r) => [r.status, JSON.stringify(r.body).slice(0, 200)]));
  await p('NUL title', api.post(`/cases/${c.body.id}/evidence`, { kind: 'other', title: 'a\u0000', outcomeIds: std.outcomeIds.slice(0, 1) }).then((r) => [r.status, JSON.stringify(r.body).slice(0, 200)]));
  await p('NUL task', api.post(`/cases/${c.body.id}/evidence`, { kind: 'other', title: 'a', tasks: ['a\u0000'], outcomeIds: std.outcomeIds.slice(0, 1) }).then((r) => [r.status, JSON.stringify(r.body).slice(0, 200)]));
  await p('from>to', api.post(`/cases/${c.body.id}/evidence`, { kind: 'other', title: 'a', period: { from: '2024-01-01', to: '2019-01-01' }, outcomeIds: std.outcomeIds.slice(0, 1) }).then((r) => [r.status, JSON.stringify(r.body).slice(0, 200)]));
  await p('uppercase outcome', api.post(`/cases/${c.body.id}/evidence`, { kind: 'other', title: 'a', outcomeIds: [std.outcomeIds[0].toUpperCase()] }).then((r) => [r.status, JSON.stringify(r.body).slice(0, 200)]));
  await p('evidence list', api.get(`/cases/${c.body.id}/evidence`).then((r) => [r.status, (r.body as unknown[]).length]));
  await p('dup std race', Promise.all([1, 2, 3, 4].map(() => api.post('/standards', { code: 'race', title: 'R', version: '1', clusters: [{ title: 'c', areas: [{ title: 'a', outcomes: [{ statement: 's', category: 'skills' }] }] }] }).then((r) => r.status))));
  await p('std NUL', api.post('/standards', { code: 'nul', title: 'R', version: '1', clusters: [{ title: 'c', areas: [{ title: 'a', outcomes: [{ statement: 's\u0000', category: 'skills' }] }] }] }).then((r) => [r.status, JSON.stringify(r.body).slice(0, 200)]));
  await p('std surrogate', raw('POST', '/api/v1/standards', '{"code":"sur","title":"R","version":"1","clusters":[{"title":"c","areas":[{"title":"a","outcomes":[{"statement":"s\\udc00","category":"skills"}]}]}]}', J));
  await p('std clusters [[]]', api.post('/standards', { code: 'nest', title: 'R', version: '1', clusters: [[{ title: 'c', areas: [] }]] }).then((r) => [r.status, JSON.stringify(r.body).slice(0, 300)]));
  await p('std clusters [null]', api.post('/standards', { code: 'nest2', title: 'R', version: '1', clusters: [null] }).then((r) => [r.status, JSON.stringify(r.body).slice(0, 300)]));
  await p('std clusters ["x"]', api.post('/standards', { code: 'nest3', title: 'R', version: '1', clusters: ['x'] }).then((r) => [r.status, JSON.stringify(r.body).slice(0, 300)]));
  await p('std areas [[x]]', api.post('/standards', { code: 'nest4', title: 'R', version: '1', clusters: [{ title: 'c', areas: [[{ title: 'a', outcomes: [{ statement: 's', category: 'skills' }] }]] }] }).then((r) => [r.status, JSON.stringify(r.body).slice(0, 300)]));
  await p('std list', api.get('/standards').then((r) => (r.body as Array<{ code: string }>).map((s) => s.code)));
  console.log(JSON.stringify(out, null, 1));
});
