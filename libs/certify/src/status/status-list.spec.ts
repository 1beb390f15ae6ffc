import { gzipSync } from 'node:zlib';
import {
  credentialStatus,
  readStatus,
  statusEntry,
  statusListCredential,
} from './status-credential';
import {
  STATUS_LIST_MIN_LENGTH,
  StatusIndexAllocator,
  StatusList,
  StatusListError,
  type StatusListErrorCode,
} from './status-list';

// Bitstring Status List v1.0, the example BitstringStatusListCredential's encodedList (16 KB of
// zeros, gzip, base64url, multibase "u").
const SPEC_ENCODED_LIST = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';

function codeOf(run: () => unknown): StatusListErrorCode {
  try {
    run();
  } catch (err) {
    if (err instanceof StatusListError) return err.code;
    throw err;
  }
  throw new Error('no StatusListError');
}

describe('the bitstring', () => {
  it("decodes the spec's example: 131,072 entries, none set", () => {
    const list = StatusList.decode(SPEC_ENCODED_LIST);
    expect(list.length).toBe(131_072);
    expect(list.count()).toBe(0);
    expect(list.get(0)).toBe(false);
    expect(list.get(131_071)).toBe(false);
    // Ours encodes the same list the same way the spec's does (gzip of 16 KB of zeros).
    expect(new StatusList().encode()).toMatch(/^uH4sI/);
    expect(StatusList.decode(new StatusList().encode()).toBytes()).toEqual(list.toBytes());
  });

  it('keeps index 0 in the left-most bit and the last index in the right-most bit', () => {
    const list = new StatusList();
    list.set(0);
    list.set(STATUS_LIST_MIN_LENGTH - 1);
    list.set(9);
    const bytes = list.toBytes();
    expect(bytes[0]).toBe(0x80);
    expect(bytes[1]).toBe(0x40);
    expect(bytes[bytes.length - 1]).toBe(0x01);
    const decoded = StatusList.decode(list.encode());
    expect([0, 9, STATUS_LIST_MIN_LENGTH - 1].map((i) => decoded.get(i))).toEqual([
      true,
      true,
      true,
    ]);
    expect([1, 8, 10, STATUS_LIST_MIN_LENGTH - 2].map((i) => decoded.get(i))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(decoded.count()).toBe(3);
  });

  it('round-trips set and cleared bits (suspension lifted) and encodes deterministically', () => {
    const list = new StatusList(STATUS_LIST_MIN_LENGTH * 2);
    const indexes = [1, 77, 4096, 131_072, 200_000, 262_143];
    for (const i of indexes) list.set(i);
    list.clear(77);
    const encoded = list.encode();
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    expect(encoded).toBe(list.encode());
    const decoded = StatusList.decode(encoded);
    expect(decoded.length).toBe(262_144);
    expect(indexes.map((i) => decoded.get(i))).toEqual([true, false, true, true, true, true]);
    expect(decoded.count()).toBe(5);
  });

  it('refuses lists that are too short, malformed, or expand too far', () => {
    expect(codeOf(() => new StatusList(1024))).toBe('STATUS_LIST_LENGTH');
    expect(codeOf(() => new StatusList(STATUS_LIST_MIN_LENGTH + 1))).toBe('STATUS_LIST_LENGTH');
    const short = 'u' + gzipSync(Buffer.alloc(1024)).toString('base64url');
    expect(codeOf(() => StatusList.decode(short))).toBe('STATUS_LIST_LENGTH');
    expect(codeOf(() => StatusList.decode(SPEC_ENCODED_LIST.slice(1)))).toBe(
      'STATUS_LIST_MALFORMED',
    );
    expect(codeOf(() => StatusList.decode('u!!!'))).toBe('STATUS_LIST_MALFORMED');
    expect(codeOf(() => StatusList.decode('uAAAA'))).toBe('STATUS_LIST_MALFORMED');
    expect(codeOf(() => StatusList.decode(42))).toBe('STATUS_LIST_MALFORMED');
    const bomb = 'u' + gzipSync(Buffer.alloc(64 * 1024 * 1024)).toString('base64url');
    expect(bomb.length).toBeLessThan(100_000);
    expect(codeOf(() => StatusList.decode(bomb))).toBe('STATUS_LIST_LENGTH');
    const list = new StatusList();
    for (const bad of [-1, STATUS_LIST_MIN_LENGTH, 1.5, Number.NaN])
      expect(codeOf(() => list.get(bad))).toBe('STATUS_INDEX_OUT_OF_RANGE');
  });
});

describe('random index allocation', () => {
  it('hands out random indexes without repeats until the list is full', () => {
    const allocator = new StatusIndexAllocator();
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(allocator.allocate());
    expect(seen.size).toBe(2000);
    expect(allocator.free).toBe(STATUS_LIST_MIN_LENGTH - 2000);
    // Spread over the list, not counting up: first and last quarter both used.
    const sorted = [...seen].sort((a, b) => a - b);
    expect(sorted[0]).toBeLessThan(STATUS_LIST_MIN_LENGTH / 4);
    expect(sorted[sorted.length - 1]).toBeGreaterThan((STATUS_LIST_MIN_LENGTH * 3) / 4);
  });

  it('fills the last free indexes exactly once, restores what was taken, then says full', () => {
    const all = Array.from({ length: STATUS_LIST_MIN_LENGTH }, (_, i) => i);
    const left = [0, 5, 70_000, STATUS_LIST_MIN_LENGTH - 1];
    const allocator = new StatusIndexAllocator(
      STATUS_LIST_MIN_LENGTH,
      all.filter((i) => !left.includes(i)),
    );
    expect(allocator.free).toBe(4);
    const got = [1, 2, 3, 4].map(() => allocator.allocate());
    expect(got.sort((a, b) => a - b)).toEqual(left);
    expect(allocator.free).toBe(0);
    expect(codeOf(() => allocator.allocate())).toBe('STATUS_LIST_FULL');
    expect(allocator.isTaken(70_000)).toBe(true);
  });
});

describe('status list credentials', () => {
  const url = 'https://balanse.example/api/v1/status/revocation/1';
  const issuer = 'did:web:balanse.example';

  it('builds the unsigned BitstringStatusListCredential in the shape of the spec example', () => {
    const credential = statusListCredential({
      id: url,
      issuer,
      statusPurpose: 'revocation',
      list: new StatusList(),
      validFrom: new Date('2021-04-05T14:27:40.123Z'),
      ttlMs: 300_000,
    });
    expect(credential).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer,
      validFrom: '2021-04-05T14:27:40Z',
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: expect.stringMatching(/^uH4sI/),
        ttl: 300_000,
      },
    });
  });

  it('gives a credential one entry per purpose in the shape of the spec example', () => {
    expect(statusEntry('https://example.com/credentials/status/3', 'revocation', 94567)).toEqual({
      id: 'https://example.com/credentials/status/3#94567',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: 'https://example.com/credentials/status/3',
    });
    const entries = credentialStatus({
      suspension: { url: `${url}-s`, index: 7 },
      revocation: { url, index: 12 },
    });
    expect(entries.map((e) => [e.statusPurpose, e.statusListIndex])).toEqual([
      ['revocation', '12'],
      ['suspension', '7'],
    ]);
    expect(codeOf(() => statusEntry(url, 'revocation', -1))).toBe('STATUS_INDEX_OUT_OF_RANGE');
  });

  it('lets a verifier read revoked, suspended, reinstated and untouched credentials', () => {
    const revocations = new StatusList();
    const suspensions = new StatusList();
    const allocator = new StatusIndexAllocator();
    const [a, b] = [allocator.allocate(), allocator.allocate()];
    revocations.set(a);
    suspensions.set(b);
    const published = (purpose: 'revocation' | 'suspension', list: StatusList) =>
      statusListCredential({
        id: `https://balanse.example/status/${purpose}`,
        issuer,
        statusPurpose: purpose,
        list,
        validFrom: new Date(),
      });
    const rev = published('revocation', revocations);
    const [entryA] = credentialStatus({ revocation: { url: rev.id, index: a } });
    const [entryB] = credentialStatus({ revocation: { url: rev.id, index: b } });
    expect(readStatus(entryA, rev)).toEqual({ purpose: 'revocation', index: a, set: true });
    expect(readStatus(entryB, rev).set).toBe(false);
    const susp = published('suspension', suspensions);
    const [suspB] = credentialStatus({ suspension: { url: susp.id, index: b } });
    expect(readStatus(suspB, susp).set).toBe(true);
    suspensions.clear(b);
    expect(readStatus(suspB, published('suspension', suspensions)).set).toBe(false);
  });

  it('gives each malformed or mismatched entry its code', () => {
    const rev = statusListCredential({
      id: url,
      issuer,
      statusPurpose: 'revocation',
      list: new StatusList(),
      validFrom: new Date(),
    });
    const entry = statusEntry(url, 'revocation', 5);
    expect(codeOf(() => readStatus({ ...entry, statusPurpose: 'suspension' }, rev))).toBe(
      'STATUS_PURPOSE_MISMATCH',
    );
    for (const bad of ['-1', '01', '1.5', 'x', '']) {
      expect(codeOf(() => readStatus({ ...entry, statusListIndex: bad }, rev))).toBe(
        'STATUS_ENTRY_MALFORMED',
      );
    }
    expect(codeOf(() => readStatus({ ...entry, statusListIndex: 5 }, rev))).toBe(
      'STATUS_ENTRY_MALFORMED',
    );
    expect(codeOf(() => readStatus(null, rev))).toBe('STATUS_ENTRY_MALFORMED');
    expect(codeOf(() => readStatus({ ...entry, statusListIndex: '131072' }, rev))).toBe(
      'STATUS_INDEX_OUT_OF_RANGE',
    );
    expect(codeOf(() => readStatus({ ...entry, statusListCredential: `${url}x` }, rev))).toBe(
      'STATUS_LIST_MALFORMED',
    );
    expect(codeOf(() => readStatus(entry, { ...rev, type: ['VerifiableCredential'] }))).toBe(
      'STATUS_LIST_MALFORMED',
    );
    const damaged = { ...rev, credentialSubject: { ...rev.credentialSubject, encodedList: 'u$' } };
    expect(codeOf(() => readStatus(entry, damaged))).toBe('STATUS_LIST_MALFORMED');
    expect(
      readStatus(entry, {
        ...rev,
        credentialSubject: {
          ...rev.credentialSubject,
          statusPurpose: ['suspension', 'revocation'],
        },
      }).set,
    ).toBe(false);
  });
});
