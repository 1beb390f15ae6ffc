/**
 * Bulk intake (`POST /cases/bulk`) and one candidate per external id, in the embedded mode: CSV
 * and NDJSON files with bad rows in the middle, a re-sent file that creates nothing twice, files
 * that are not CSV or NDJSON refused at once, jobs per tenant, 10,000 rows in one file, the 409
 * of a known external id with other details and the PATCH that changes them, noted in the cases'
 * history without the values. The columns of POST /cases (a pinned version, a need, sector and
 * region) opened as POST /cases opens them, and refused with its codes; an Idempotency-Key on the
 * upload (the file hashed as it streams). Distributed: the gateway killed mid-upload leaves the
 * job `incomplete` once it is not heard from (a slow client is not taken for that), and a resend
 * completes it.
 */
import { Readable } from 'node:stream';
import { request } from 'undici';
import {
  publishedStandard,
  seededStandard,
  smallStandard,
  startStack,
  pollUntil,
  type ApiClient,
  type Stack,
} from '@balanse/testing';

/**
 * A CSV upload that stays open: the header and `rows` rows of `line(i)` are sent, then nothing
 * until the test pushes more (or `null`) to `file`. `upload` settles when the request ends.
 */
function openUpload(
  url: string,
  token: string,
  tenant: string,
  rows: number,
  line: (i: number) => string,
  headers: Record<string, string> = {},
) {
  const file = new Readable({ read() {} });
  file.push('standardId,externalId,name,email\n');
  for (let i = 0; i < rows; i++) file.push(line(i));
  const upload = request(`${url}/api/v1/cases/bulk`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'x-balanse-tenant': tenant,
      'content-type': 'text/csv',
      ...headers,
    },
    body: file,
  });
  return { file, upload };
}

describe('bulk intake and candidates (embedded)', () => {
  let stack: Stack;
  let standard: string;

  beforeAll(async () => {
    stack = await startStack({ mode: 'embedded' });
    standard = (await seededStandard(stack.api)).id;
  }, 240_000);
  afterAll(() => stack?.stop());

  /** POSTs a file; answers the status, the Location header and the JSON body. */
  async function upload(api: ApiClient, type: string, body: string, key?: string) {
    const res = await fetch(`${stack.url}/api/v1/cases/bulk`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.token}`,
        'x-balanse-tenant': TENANTS.get(api)!,
        'content-type': type,
        ...(key && { 'idempotency-key': key }),
      },
      body,
    });
    return {
      status: res.status,
      location: res.headers.get('location'),
      body: (await res.json()) as any,
    };
  }

  /** Every row of a job's report, page by page. */
  async function report(api: ApiClient, jobId: string, limit = 100) {
    const rows: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api.get(
        `/cases/bulk/${jobId}/rows?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      rows.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return rows;
  }

  const upload2 = (api: ApiClient, file: string) => upload(api, 'text/csv', file);

  const TENANTS = new Map<ApiClient, string>();
  const as = (tenant: string) => {
    const api = stack.api.withTenant(tenant);
    TENANTS.set(api, tenant);
    return api;
  };

  const csv = (rows: string[]) => ['standardId,externalId,name,email', ...rows].join('\n') + '\n';

  it('opens a case per CSV row, reports a bad row in the middle with its field, and creates nothing twice when the file is sent again', async () => {
    const api = as('bulk-csv');
    const rows = Array.from({ length: 9 }, (_, i) => `${standard},csv-${i},"Nordmann, Kari ${i}",`);
    rows.splice(4, 0, `${standard},csv-bad,Bad Email,not-an-email`); // row 5
    const file = csv(rows);

    const first = await upload(api, 'text/csv', file);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({
      status: 'completed',
      format: 'csv',
      rowsRead: 10,
      created: 9,
      existing: 0,
      rejected: 1,
    });
    const job = first.body.jobId;
    expect((await api.get(`/cases/bulk/${job}`)).body).toMatchObject({ status: 'completed' });

    const firstReport = await report(api, job, 3); // paged: 4 pages of up to 3 rows
    expect(firstReport.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(firstReport[4]).toMatchObject({
      row: 5,
      outcome: 'rejected',
      code: 'VALIDATION_FAILED',
      field: 'email',
    });
    const created = firstReport.filter((r) => r.outcome === 'created');
    expect(created).toHaveLength(9);
    const opened = await api.get(`/cases/${created[0].caseId}`);
    expect(opened.body).toMatchObject({
      phase: 'identify',
      standardId: standard,
      candidate: { externalId: 'csv-0', name: 'Nordmann, Kari 0', email: null },
    });
    expect(opened.body.history[0].detail).toMatchObject({ bulkJobId: job });

    const again = await upload(api, 'text/csv', file);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ rowsRead: 10, created: 0, existing: 9, rejected: 1 });
    const againReport = await report(api, again.body.jobId);
    expect(againReport.filter((r) => r.outcome === 'existing').map((r) => r.caseId)).toEqual(
      created.map((r) => r.caseId),
    );
  });

  it('reads NDJSON: a line that is not JSON, an unknown field, an unknown standard and a conflicting candidate are rejected each with its reason, the rest opened', async () => {
    const api = as('bulk-ndjson');
    const line = (o: object) => JSON.stringify(o);
    const file = [
      line({
        standardId: standard,
        externalId: 'nd-1',
        name: 'Ola Nordmann',
        email: 'ola@example.org',
      }),
      '{"standardId": "broken',
      line({ standardId: standard, externalId: 'nd-3', name: 'Per', shoeSize: 44 }),
      '',
      line({
        standardId: '3b0c2f8e-5f1a-4c7e-9d7a-1e2f3a4b5c6d',
        externalId: 'nd-4',
        name: 'Unknown Std',
      }),
      line({ standardId: standard, externalId: 'nd-1', name: 'Somebody Else' }),
      line({ standardId: standard.toUpperCase(), externalId: 'nd-6', name: 'Upper Case Id' }),
    ].join('\n');
    const res = await upload(api, 'application/x-ndjson', file);
    expect(res.status).toBe(202);
    expect(res.location).toBe(`/api/v1/cases/bulk/${res.body.jobId}`);
    expect(res.body).toMatchObject({ rowsRead: 6, created: 2, existing: 0, rejected: 4 });
    const rows = await report(api, res.body.jobId);
    expect(rows.map((r) => [r.row, r.outcome, r.code ?? null, r.field ?? null])).toEqual([
      [1, 'created', null, null],
      [2, 'rejected', 'MALFORMED_JSON', '(row)'],
      [3, 'rejected', 'VALIDATION_FAILED', 'shoeSize'],
      [4, 'rejected', 'STANDARD_NOT_FOUND', 'standardId'],
      [5, 'rejected', 'CANDIDATE_CONFLICT', 'name'],
      [6, 'created', null, null],
    ]);
    // The report names the conflicting field, never the values.
    expect(JSON.stringify(rows)).not.toMatch(/Ola Nordmann|Somebody Else/);
  });

  it('refuses at once a file that is neither CSV nor NDJSON, and creates no job', async () => {
    const api = as('bulk-refused');
    const refused = [
      [await upload(api, 'application/json', '{"rows": []}'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [await upload(api, 'text/plain', csv([])), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [await upload(api, 'text/csv; charset=latin1', csv([])), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [
        await upload(api, 'text/csv', '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n'),
        400,
        'BULK_FILE_INVALID',
      ],
      [await upload(api, 'text/csv', 'externalId,name\nx,y\n'), 400, 'BULK_FILE_INVALID'],
      [await upload(api, 'text/csv', ''), 400, 'BULK_FILE_INVALID'],
      [
        await upload(api, 'application/x-ndjson', 'standardId,externalId,name\n'),
        400,
        'BULK_FILE_INVALID',
      ],
    ] as const;
    for (const [res, status, code] of refused) {
      expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
      expect(res.body.jobId).toBeUndefined();
    }
    expect(refused[4][0].body.fields).toEqual([
      { field: 'header', message: expect.stringContaining('missing column standardId') },
    ]);
  });

  it('opens the rows before a CSV that cannot be read to its end (an unclosed quote), and reports the rest', async () => {
    const api = as('bulk-tail');
    const file =
      csv([`${standard},tail-1,Ola,`, `${standard},tail-2,"Kari, with a, comma",`]) +
      `${standard},tail-3,"never closed,\n${standard},tail-4,Per,\n`;
    const res = await upload(api, 'text/csv', file);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ created: 2 });
    const rows = await report(api, res.body.jobId);
    expect(rows.slice(0, 2).map((r) => r.outcome)).toEqual(['created', 'created']);
    if (res.body.status === 'incomplete') expect(res.body.reason).toMatch(/row 2/);
    else expect(rows[2]).toMatchObject({ row: 3, outcome: 'rejected', field: '(row)' });
  });

  it('shows progress while the file is read; an upload that stops leaves the job incomplete with the rows read, and sending the file again completes it', async () => {
    const api = as('bulk-abort');
    const line = (i: number) => `${standard},ab-${i},Person ${i},\n`;
    // The file: the header and 250 rows, then a pause, then the upload fails.
    const { file, upload: sent } = openUpload(stack.url, stack.token, 'bulk-abort', 250, line);
    const upload = sent.catch((err: Error) => err);

    // Two chunks of 100 are opened; the rest waits for more of the file.
    const running = await pollUntil(
      async (seen) => {
        const jobs = (await api.get('/cases/bulk')).body.items;
        seen(jobs);
        return jobs[0]?.rowsRead === 200 ? jobs[0] : undefined;
      },
      (last) => `no job with 200 rows read: ${JSON.stringify(last)}`,
    );
    expect(running).toMatchObject({ status: 'running', created: 200, finishedAt: null });

    file.destroy(new Error('the HR system lost its connection'));
    expect(await upload).toBeInstanceOf(Error);
    const stopped = await pollUntil(
      async (seen) => {
        const job = (await api.get(`/cases/bulk/${running.jobId}`)).body;
        seen(job);
        return job.status === 'incomplete' ? job : undefined;
      },
      (last) => `job not incomplete: ${JSON.stringify(last)}`,
    );
    // The whole rows read before the break are opened (the parser may hold back the last one).
    expect(stopped.rowsRead).toBeGreaterThanOrEqual(200);
    expect(stopped).toMatchObject({
      created: stopped.rowsRead,
      reason: expect.stringMatching(/stopped after row \d+: the client closed the upload/),
    });

    const whole = csv(Array.from({ length: 300 }, (_, i) => line(i).trimEnd()));
    const again = await upload2(api, whole);
    expect(again.body).toMatchObject({
      status: 'completed',
      rowsRead: 300,
      created: 300 - stopped.rowsRead,
      existing: stopped.rowsRead,
    });
  });

  it('takes the columns of POST /cases and opens each row as POST /cases does; a bad value of each new column in the middle is rejected with the code POST /cases gives, the rest opened', async () => {
    const api = as('bulk-columns');
    const own = await publishedStandard(api, smallStandard('bulk-columns', 2));
    const outcomes = own.clusters[0].areas[0].outcomes.map((o: any) => o.id);
    expect((await api.post(`/standards/${own.id}/versions`)).body).toMatchObject({
      version: 2,
      status: 'draft',
    });
    const needOf = async (standardId: string, outcomeIds: string[]) => {
      const res = await api.post('/needs', {
        title: 'Bulk hires',
        standardId,
        outcomeIds,
        people: { min: 1, max: 5 },
        skilledWorkerShare: { min: 10, max: 20 },
        sector: '86.10',
        region: '42',
        neededBy: '2027-06-30',
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const need = await needOf(own.id, outcomes);
    const seeded = await seededStandard(api);
    const otherNeed = await needOf(seeded.id, seeded.outcomeIds);
    const nowhere = '3b0c2f8e-5f1a-4c7e-9d7a-1e2f3a4b5c6d';

    // externalId, then standardVersion, needId, sector, region: the cells after `email`.
    const rows: Array<[string, string]> = [
      ['col-1', '1,,,'], // pinned
      ['col-2', `,${need},,`], // the need's sector and region
      ['col-3', `,${need},87.10,46`], // its own
      ['col-4', '9,,,'], // no such version
      ['col-5', '2,,,'], // a draft
      ['col-6', `,${otherNeed},,`], // the need of another standard
      ['col-7', `,${nowhere},,`], // no such need
      ['col-8', 'two,,,'],
      ['col-9', '1.5,,,'],
      ['col-10', '0,,,'],
      ['col-11', ',not-a-need,,'],
      ['col-12', ',,86.1x,'],
      ['col-13', ',,,99'],
      ['col-14', ',,,03'], // a county number with its leading zero, as text
    ];
    const file =
      'standardId,externalId,name,email,standardVersion,needId,sector,region\n' +
      rows.map(([id, cells]) => `${own.id},${id},Person ${id},,${cells}`).join('\n');
    const res = await upload(api, 'text/csv', file);
    expect(res.body).toMatchObject({ status: 'completed', rowsRead: 14, created: 4, rejected: 10 });
    const rows2 = await report(api, res.body.jobId);
    expect(rows2.map((r) => [r.row, r.outcome, r.code ?? null, r.field ?? null])).toEqual([
      [1, 'created', null, null],
      [2, 'created', null, null],
      [3, 'created', null, null],
      [4, 'rejected', 'STANDARD_VERSION_NOT_FOUND', 'standardVersion'],
      [5, 'rejected', 'STANDARD_VERSION_DRAFT', 'standardVersion'],
      [6, 'rejected', 'NEED_STANDARD_MISMATCH', 'needId'],
      [7, 'rejected', 'NEED_NOT_FOUND', 'needId'],
      [8, 'rejected', 'VALIDATION_FAILED', 'standardVersion'],
      [9, 'rejected', 'VALIDATION_FAILED', 'standardVersion'],
      [10, 'rejected', 'VALIDATION_FAILED', 'standardVersion'],
      [11, 'rejected', 'VALIDATION_FAILED', 'needId'],
      [12, 'rejected', 'VALIDATION_FAILED', 'sector'],
      [13, 'rejected', 'VALIDATION_FAILED', 'region'],
      [14, 'created', null, null],
    ]);
    for (const r of rows2) expect(r.outcome === 'created' || r.reason.length > 0).toBe(true);

    const caseOf = async (row: number) => (await api.get(`/cases/${rows2[row - 1].caseId}`)).body;
    expect(await caseOf(1)).toMatchObject({ standardVersion: 1, needId: null, sector: null });
    expect(await caseOf(2)).toMatchObject({ needId: need, sector: '86.10', region: '42' });
    expect(await caseOf(3)).toMatchObject({ needId: need, sector: '87.10', region: '46' });
    expect(await caseOf(14)).toMatchObject({ standardVersion: 1, region: '03' });

    // POST /cases refuses the same values with the same codes and fields.
    const fields = [
      { standardVersion: 9 },
      { standardVersion: 2 },
      { needId: otherNeed },
      { needId: nowhere },
      { standardVersion: 1.5 },
      { needId: 'not-a-need' },
      { sector: '86.1x' },
      { region: '99' },
    ];
    const rejected = rows2.filter((r) => r.outcome === 'rejected' && r.row !== 8 && r.row !== 10);
    for (const [i, extra] of fields.entries()) {
      const single = await api.post('/cases', {
        standardId: own.id,
        candidate: { externalId: `single-${i}`, name: 'Single' },
        ...extra,
      });
      expect([single.body.code, single.body.fields?.[0]?.field]).toEqual([
        rejected[i].code,
        rejected[i].field,
      ]);
    }

    // NDJSON has its own numbers: a version as text is refused, as POST /cases refuses it.
    const line = (o: object) => JSON.stringify({ standardId: own.id, name: 'Nd', ...o });
    const nd = await upload(
      api,
      'application/x-ndjson',
      [
        line({ externalId: 'nd-col-1', standardVersion: '1' }),
        line({ externalId: 'nd-col-2', standardVersion: 1, needId: need, region: '03' }),
      ].join('\n'),
    );
    expect(nd.body).toMatchObject({ created: 1, rejected: 1 });
    const ndReport = await report(api, nd.body.jobId);
    expect(ndReport[0]).toMatchObject({ code: 'VALIDATION_FAILED', field: 'standardVersion' });
    expect((await api.get(`/cases/${ndReport[1].caseId}`)).body).toMatchObject({
      needId: need,
      sector: '86.10',
      region: '03',
    });
  });

  it('honours an Idempotency-Key: the same file again answers the first job and opens nothing, another file is 422, a key still running is 409', async () => {
    const api = as('bulk-key');
    const jobs = async () => (await api.get('/cases/bulk')).body.items.length;
    const file = csv(Array.from({ length: 150 }, (_, i) => `${standard},key-${i},Person ${i},`));
    const first = await upload(api, 'text/csv', file, 'hr-sync-1');
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: 'completed', created: 150 });

    // The same bytes, streamed in other pieces: the same job, nothing opened, no new job.
    const pieces = Readable.from(file.match(/[\s\S]{1,777}/g)!.map((p) => Buffer.from(p)));
    const again = await request(`${stack.url}/api/v1/cases/bulk`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.token}`,
        'x-balanse-tenant': 'bulk-key',
        'content-type': 'text/csv',
        'idempotency-key': 'hr-sync-1',
      },
      body: pieces,
    });
    expect(again.statusCode).toBe(202);
    const againBody: any = await again.body.json();
    expect(againBody).toEqual({ ...first.body, jobId: first.body.jobId });
    expect(again.headers.location).toBe(`/api/v1/cases/bulk/${first.body.jobId}`);
    expect(await jobs()).toBe(1);

    // Another file (or the same one as NDJSON) under the key: 422, nothing opened.
    const other = csv([`${standard},key-other,Somebody,`]);
    for (const [type, body] of [
      ['text/csv', other],
      ['text/csv', file + `${standard},key-more,More,\n`],
      [
        'application/x-ndjson',
        JSON.stringify({ standardId: standard, externalId: 'k', name: 'K' }),
      ],
    ]) {
      const reused = await upload(api, type!, body!, 'hr-sync-1');
      expect([reused.status, reused.body.code, reused.body.fields]).toEqual([
        422,
        'IDEMPOTENCY_KEY_REUSED',
        [{ field: 'header.idempotency-key', message: expect.any(String) }],
      ]);
    }
    expect(await jobs()).toBe(1);
    expect((await api.get('/cases?externalId=key-other')).body.items).toEqual([]);

    // One key space with the other creating POSTs: a case's key is not a bulk file's, nor back.
    const single = { standardId: standard, candidate: { externalId: 'key-one', name: 'One' } };
    expect(
      (await api.send('POST', '/cases', single, { 'idempotency-key': 'hr-case-1' })).status,
    ).toBe(201);
    expect((await upload(api, 'text/csv', other, 'hr-case-1')).body.code).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(
      (await api.send('POST', '/cases', single, { 'idempotency-key': 'hr-sync-1' })).body.code,
    ).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await jobs()).toBe(1);

    // While the first upload under a key is still read, the key is in use.
    const { file: slow, upload: running } = openUpload(
      stack.url,
      stack.token,
      'bulk-key',
      120,
      (i) => `${standard},slow-${i},Slow ${i},\n`,
      { 'idempotency-key': 'hr-sync-2' },
    );
    const job = await pollUntil(
      async () =>
        (await api.get('/cases/bulk')).body.items.find(
          (j: any) => j.status === 'running' && j.rowsRead >= 100,
        ),
      () => 'the slow upload has no job with 100 rows read',
    );
    const inUse = await upload(api, 'text/csv', other, 'hr-sync-2');
    expect([inUse.status, inUse.body.code, inUse.body.details]).toEqual([
      409,
      'IDEMPOTENCY_KEY_IN_USE',
      { jobId: job.jobId },
    ]);
    slow.push(null);
    const done: any = await (await running).body.json();
    expect(done).toMatchObject({ jobId: job.jobId, status: 'completed', created: 120 });
    const slowFile = csv(Array.from({ length: 120 }, (_, i) => `${standard},slow-${i},Slow ${i},`));
    const replay = await upload(api, 'text/csv', slowFile, 'hr-sync-2');
    expect([replay.status, replay.body.jobId, replay.body.created]).toEqual([202, job.jobId, 120]);
  });

  it("keeps jobs per tenant: another tenant's job is 404", async () => {
    const a = as('bulk-a');
    const b = as('bulk-b');
    const res = await upload(a, 'text/csv', csv([`${standard},iso-1,Iso Lated,`]));
    expect(res.status).toBe(202);
    const job = res.body.jobId;
    expect((await a.get(`/cases/bulk/${job}`)).status).toBe(200);
    for (const path of [`/cases/bulk/${job}`, `/cases/bulk/${job}/rows`]) {
      const seen = await b.get(path);
      expect({ status: seen.status, code: seen.body.code }).toEqual({
        status: 404,
        code: 'BULK_JOB_NOT_FOUND',
      });
    }
  });

  it('reads 10,000 rows in one file', async () => {
    const api = as('bulk-large');
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `${standard},big-${i},Person ${i},p${i}@example.org`,
    );
    const started = Date.now();
    const res = await upload(api, 'text/csv', csv(rows));
    const seconds = (Date.now() - started) / 1000;
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      status: 'completed',
      rowsRead: 10_000,
      created: 10_000,
      rejected: 0,
    });
    console.log(`10,000 rows in ${seconds.toFixed(1)} s (${Math.round(10_000 / seconds)} rows/s)`);
  }, 180_000);

  it('answers 409 CANDIDATE_CONFLICT for a known external id with another name or e-mail, naming the fields, not the values', async () => {
    const api = as('cand-conflict');
    const open = (candidate: object) => api.post('/cases', { standardId: standard, candidate });
    expect(
      (await open({ externalId: 'c-1', name: 'Kari Nordmann', email: 'kari@example.org' })).status,
    ).toBe(201);
    // The same details (an e-mail in other case, or left out) are the same candidate.
    expect(
      (await open({ externalId: 'c-1', name: 'Kari Nordmann', email: 'KARI@example.org' })).status,
    ).toBe(201);
    expect((await open({ externalId: 'c-1', name: 'Kari Nordmann' })).status).toBe(201);

    const conflict = await open({
      externalId: 'c-1',
      name: 'Kari Hansen',
      email: 'kh@example.org',
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({
      code: 'CANDIDATE_CONFLICT',
      details: { fields: ['name', 'email'] },
      fields: [
        { field: 'candidate.name', message: expect.any(String) },
        { field: 'candidate.email', message: expect.any(String) },
      ],
    });
    expect(JSON.stringify(conflict.body)).not.toMatch(/Kari|kari|kh@/);
  });

  it('changes details only through PATCH /candidates/{externalIdentifier}, noted in each case history without the values', async () => {
    const api = as('cand-patch');
    const open = (name: string) =>
      api.post('/cases', { standardId: standard, candidate: { externalId: 'HR 7/ø', name } });
    const cases = [(await open('Kari Nordmann')).body.id, (await open('Kari Nordmann')).body.id];
    const path = `/candidates/${encodeURIComponent('HR 7/ø')}`;

    const patched = await api.send('PATCH', path, {
      name: 'Kari Hansen',
      email: 'kari.hansen@example.org',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      candidate: { externalId: 'HR 7/ø', name: 'Kari Hansen', email: 'kari.hansen@example.org' },
      changed: ['name', 'email'],
      casesNoted: 2,
    });
    for (const id of cases) {
      const view = (await api.get(`/cases/${id}`)).body;
      expect(view.candidate.name).toBe('Kari Hansen');
      const noted = view.history.filter((h: any) => h.event === 'candidate_updated');
      expect(noted).toEqual([
        expect.objectContaining({ detail: { fields: ['name', 'email'] }, actor: 'admin' }),
      ]);
      const history = (await api.get(`/cases/${id}/history`)).body;
      expect(JSON.stringify(history)).not.toMatch(/Nordmann|Hansen|example\.org/);
    }
    // The new details are the candidate's now; the old ones conflict.
    expect((await open('Kari Hansen')).status).toBe(201);
    expect((await open('Kari Nordmann')).status).toBe(409);
    // The same details again change nothing and note nothing.
    const same = await api.send('PATCH', path, { name: 'Kari Hansen' });
    expect(same.body).toMatchObject({ changed: [], casesNoted: 0 });

    const unknown = await api.send('PATCH', '/candidates/nobody', { name: 'X' });
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({
      status: 404,
      code: 'CANDIDATE_NOT_FOUND',
    });
    const otherTenant = await as('cand-other').send('PATCH', path, { name: 'X' });
    expect(otherTenant.status).toBe(404);
  });
});

describe('bulk intake (distributed: the gateway and identify over NATS and PostgreSQL)', () => {
  let stack: Stack;
  let standard: string;

  /** A job not heard from for this long is shown incomplete (60 s by default). */
  const STALE_SECONDS = 2;

  beforeAll(async () => {
    stack = await startStack({
      mode: 'distributed',
      processEnv: { identify: { BALANSE_BULK_STALE_SECONDS: String(STALE_SECONDS) } },
    });
    standard = (await seededStandard(stack.api)).id;
  }, 240_000);
  afterAll(() => stack?.stop());

  it('shows the job of a gateway killed mid-upload incomplete with its rows read, not a slow upload; the resend (same Idempotency-Key) completes it', async () => {
    const api = stack.api.withTenant('bulk-killed');
    const line = (i: number) => `${standard},killed-${i},Person ${i},\n`;
    const { file, upload: sent } = openUpload(stack.url, stack.token, 'bulk-killed', 150, line, {
      'idempotency-key': 'hr-killed-1',
    });
    const upload = sent.catch((err: Error) => err);

    // The client is slow: no more rows for longer than the stale time. The gateway is alive, so
    // the job stays running, and the rows read so far are opened meanwhile (the parser holds back
    // the last row until it sees what follows it).
    const running = await pollUntil(
      async (seen) => {
        const jobs = (await api.get('/cases/bulk')).body.items;
        seen(jobs);
        return jobs[0]?.rowsRead >= 149 ? jobs[0] : undefined;
      },
      (last) => `no job with 149 rows read: ${JSON.stringify(last)}`,
      { timeoutMs: 10_000 },
    );
    const read = running.rowsRead;
    await new Promise((r) => setTimeout(r, (STALE_SECONDS + 1) * 1000));
    expect((await api.get(`/cases/bulk/${running.jobId}`)).body).toMatchObject({
      status: 'running',
      rowsRead: read,
      created: read,
      reason: null,
    });

    // The gateway dies mid-upload: nobody marks the job, it is shown incomplete once stale.
    await stack.kill('gateway');
    expect(await upload).toBeInstanceOf(Error);
    file.destroy();
    await stack.start('gateway');
    const stopped = await pollUntil(
      async (seen) => {
        const job = (await api.get(`/cases/bulk/${running.jobId}`)).body;
        seen(job);
        return job.status === 'incomplete' ? job : undefined;
      },
      (last) => `job not incomplete: ${JSON.stringify(last)}`,
      { timeoutMs: (STALE_SECONDS + 5) * 1000, pollMs: 200 },
    );
    expect(stopped).toMatchObject({
      rowsRead: read,
      created: read,
      finishedAt: null,
      reason: expect.stringMatching(
        new RegExp(
          `nothing was heard from the upload for ${STALE_SECONDS} s: it stopped after ${read} rows`,
        ),
      ),
    });

    // The whole file again, under the same key (its job never completed): the rest is opened.
    const whole =
      'standardId,externalId,name,email\n' +
      Array.from({ length: 200 }, (_, i) => line(i)).join('');
    const resend = async () => {
      const res = await fetch(`${stack.url}/api/v1/cases/bulk`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${stack.token}`,
          'x-balanse-tenant': 'bulk-killed',
          'content-type': 'text/csv',
          'idempotency-key': 'hr-killed-1',
        },
        body: whole,
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const again = await resend();
    expect(again).toMatchObject({
      status: 202,
      body: {
        status: 'completed',
        rowsRead: 200,
        created: 200 - read,
        existing: read,
        rejected: 0,
      },
    });
    expect(again.body.jobId).not.toBe(running.jobId);
    const rows = await stack.api
      .withTenant('bulk-killed')
      .get(`/cases/bulk/${again.body.jobId}/rows?limit=1`);
    expect(rows.body.items[0]).toMatchObject({ row: 1, outcome: 'existing' });
    // Now the key holds the completed job.
    expect((await resend()).body).toMatchObject({ jobId: again.body.jobId, created: 200 - read });
  }, 120_000);

  it('opens 1,000 rows with a bad one in the middle, and nothing twice when the file is sent again', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) =>
      i === 499 ? `${standard},dist-${i},,` : `${standard},dist-${i},Person ${i},`,
    );
    const file = ['standardId,externalId,name,email', ...rows].join('\r\n');
    const send = async () => {
      const res = await fetch(`${stack.url}/api/v1/cases/bulk`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'text/csv' },
        body: file,
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const first = await send();
    expect(first).toMatchObject({
      status: 202,
      body: { status: 'completed', rowsRead: 1000, created: 999, rejected: 1 },
    });
    const bad = await stack.api.get(
      `/cases/bulk/${first.body.jobId}/rows?limit=1&cursor=${cursorAfter(499)}`,
    );
    expect(bad.body.items).toEqual([
      expect.objectContaining({ row: 500, outcome: 'rejected', field: 'name' }),
    ]);
    const again = await send();
    expect(again.body).toMatchObject({ created: 0, existing: 999, rejected: 1 });
  }, 120_000);
});

/** The report's cursor after a row number (as the API hands it out). */
const cursorAfter = (row: number) =>
  Buffer.from(JSON.stringify(['bulk-report', String(row)])).toString('base64url');
