import type { INestApplication } from '@nestjs/common';
import type { Response } from 'express';
import type { CommandContext, CommandMessage, CommandReply } from '@balanse/contracts';
import { createGatewayApp } from '../gateway.module';
import type { GatewayOptions } from '../http/gateway-options';
import { ADMIN_ROLES } from '../http/principal';
import type { ServiceClient } from '../http/service-client';
import { formatFromAccept, langFromAcceptLanguage } from './negotiation';
import { StatisticsController } from './statistics.controller';

const CSV = 'phase,phase_label,count,status\r\ntotal,I alt,0,\r\n';

describe('format and language negotiation', () => {
  it.each([
    [undefined, 'json'],
    ['*/*', 'json'],
    ['text/csv', 'csv'],
    ['application/json+stat', 'jsonstat'],
    ['application/json;q=0.5, text/csv', 'csv'],
    ['text/csv;q=0.2, application/json+stat;q=0.9', 'jsonstat'],
    ['text/csv;q=0, application/json', 'json'],
    ['application/xml', 'json'],
  ])('Accept %s → %s', (accept, format) => {
    expect(formatFromAccept(accept)).toBe(format);
  });

  it.each([
    [undefined, 'nb'],
    ['en-GB,en;q=0.9', 'en'],
    ['nb-NO, en;q=0.5', 'nb'],
    ['de, en;q=0.3', 'en'],
    ['nn', 'nb'],
  ])('Accept-Language %s → %s', (header, lang) => {
    expect(langFromAcceptLanguage(header)).toBe(lang);
  });
});

describe('StatisticsController access', () => {
  const caller: CommandContext = { tenantId: 'acme', actor: 'x', correlationId: 'c' };
  const res = { type: jest.fn() } as unknown as Response;
  const calls: unknown[][] = [];
  const services = {
    call: async (...args: unknown[]) => {
      calls.push(args);
      return { mediaType: 'application/json', body: { ok: true } };
    },
  } as unknown as ServiceClient;
  const controller = new StatisticsController(services);

  beforeEach(() => (calls.length = 0));

  it('403 FORBIDDEN for tables across employers without the statistics role', async () => {
    await expect(
      controller.table(caller, [], 'cases', {}, undefined, undefined, res),
    ).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
    await expect(
      controller.table(caller, ['admin'], 'cases', { scope: 'all' }, undefined, undefined, res),
    ).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(() => controller.startRebuild(caller, [])).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => controller.rebuild(caller, [])).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(calls).toEqual([]);
  });

  it("answers the caller's own tenant without the role", async () => {
    await controller.table(caller, [], 'cases', { scope: 'tenant' }, 'text/csv', 'en', res);
    expect(calls).toEqual([
      [
        'statistics',
        'tables.get',
        caller,
        { params: { table: 'cases' }, query: { scope: 'tenant', format: 'csv', lang: 'en' } },
        { large: true },
      ],
    ]);
  });

  it('the admin token holds the statistics role', async () => {
    await controller.table(caller, ADMIN_ROLES, 'cases', {}, undefined, undefined, res);
    expect(calls).toHaveLength(1);
  });
});

describe('GET /api/v1/statistics/{table} over HTTP', () => {
  const TOKEN = 'statistics-token-0123456789';
  let app: INestApplication;
  let url: string;
  const sent: Array<{ subject: string; message: CommandMessage }> = [];

  beforeAll(async () => {
    const commands = {
      request: async (subject: string, message: CommandMessage): Promise<CommandReply> => {
        sent.push({ subject, message });
        if (subject.endsWith('rebuild.get'))
          return { ok: true, data: { id: null, state: 'idle', total: null, done: null } };
        const format = (message.data['query'] as { format: string }).format;
        return {
          ok: true,
          data:
            format === 'csv'
              ? { mediaType: 'text/csv; charset=utf-8; header=present', body: CSV }
              : format === 'jsonstat'
                ? { mediaType: 'application/json+stat', body: { version: '2.0' } }
                : { mediaType: 'application/json', body: { scope: 'all' } },
        };
      },
    };
    const options = { adminToken: TOKEN, commandTimeoutMs: 1000, readiness: [], commands };
    app = await createGatewayApp(options as unknown as GatewayOptions, false);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => app.close());
  beforeEach(() => (sent.length = 0));

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { headers: { authorization: `Bearer ${TOKEN}`, ...headers } });

  it('CSV for Accept: text/csv, JSON-stat for ?format=jsonstat, JSON by default', async () => {
    const csv = await get('/api/v1/statistics/cases', { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(await csv.text()).toBe(CSV);
    const stat = await get('/api/v1/statistics/cases?format=jsonstat&lang=en');
    expect(stat.headers.get('content-type')).toMatch(/^application\/json\+stat/);
    expect(await stat.json()).toEqual({ version: '2.0' });
    const json = await get('/api/v1/statistics/lead-times?by=region', { 'accept-language': 'en' });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await json.json()).toEqual({ scope: 'all' });
    expect(sent.map((s) => [s.subject, s.message.data])).toEqual([
      [
        'balanse.cmd.statistics.tables.get',
        { table: 'cases', query: { format: 'csv', lang: 'nb' } },
      ],
      [
        'balanse.cmd.statistics.tables.get',
        { table: 'cases', query: { format: 'jsonstat', lang: 'en' } },
      ],
      [
        'balanse.cmd.statistics.tables.get',
        { table: 'lead-times', query: { by: 'region', format: 'json', lang: 'en' } },
      ],
    ]);
  });

  it('400 naming the table, or the query field, before asking the service', async () => {
    const table = await get('/api/v1/statistics/people');
    expect(table.status).toBe(400);
    expect(await table.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'table', message: expect.stringContaining('cases, lead-times') }],
    });
    const field = await get('/api/v1/statistics/cases?colour=red');
    expect(await field.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'colour' }],
    });
    expect(sent).toEqual([]);
  });

  it('GET /rebuild is the progress, not a table', async () => {
    const res = await get('/api/v1/statistics/rebuild');
    expect(res.status).toBe(200);
    expect(sent.map((s) => s.subject)).toEqual(['balanse.cmd.statistics.rebuild.get']);
  });
});
