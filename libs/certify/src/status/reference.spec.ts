import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { STATUS_LIST_MIN_LENGTH, StatusList } from './status-list';

/** @digitalbazaar/vc-bitstring-status-list is ESM-only: it runs in a child node process. */
function reference(input: {
  encodedList: string;
  probe: number[];
  set: number[];
  length: number;
}): {
  length: number;
  probe: boolean[];
  encodedList: string;
} {
  const out = execFileSync(
    process.execPath,
    [join(__dirname, 'reference-status-list.mjs'), JSON.stringify(input)],
    { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
  );
  return JSON.parse(out) as ReturnType<typeof reference>;
}

describe('status lists against @digitalbazaar/vc-bitstring-status-list', () => {
  it('reads each other’s encodedList bit for bit, first and last index included', () => {
    const last = STATUS_LIST_MIN_LENGTH - 1;
    const set = [0, 9, 4242, 99_999, last];
    const ours = new StatusList();
    for (const i of set) ours.set(i);
    const probe = [0, 1, 8, 9, 4242, 4243, 99_999, last - 1, last];
    const theirs = reference({
      encodedList: ours.encode(),
      probe,
      set,
      length: STATUS_LIST_MIN_LENGTH,
    });
    expect(theirs.length).toBe(STATUS_LIST_MIN_LENGTH);
    expect(theirs.probe).toEqual(probe.map((i) => set.includes(i)));
    const decoded = StatusList.decode(theirs.encodedList);
    expect(decoded.toBytes()).toEqual(ours.toBytes());
  });
});
