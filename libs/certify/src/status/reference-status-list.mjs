// Test helper: the independent reference (@digitalbazaar/vc-bitstring-status-list, ESM-only, so
// it runs in a child node process) decodes an encodedList and encodes one of its own.
// Input (argv[2], JSON): encodedList, probe (indexes to read), set (indexes to set in its own).
import { BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';

const input = JSON.parse(process.argv[2]);
const decoded = await BitstringStatusList.decode({ encodedList: input.encodedList });
const own = new BitstringStatusList({ length: input.length });
for (const index of input.set) own.setStatus(index, true);
console.log(
  JSON.stringify({
    length: decoded.length,
    probe: input.probe.map((index) => decoded.getStatus(index)),
    encodedList: await own.encode(),
  }),
);
