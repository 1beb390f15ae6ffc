import { Readable } from 'node:stream';
import { caseSchemaErrors } from './case-schemas.testing';
import { exportCasePackage } from './export-case-package';
import { importCasePackage } from './import-case-package';
import { readCasePackageStream } from './read-case-stream';
import { outcomesOf } from './standard-document';
import { id, testPackage, type TestItem } from './test-packages.testing';

// A framework far larger than the real ones (4 MB and 700 items are ordinary): 24 clusters × 10
// areas × 25 outcomes = 6,264 items, each with a long statement and notes, about 24 MB as JSON.
// Generous bounds: this checks that size scales (no quadratic step, no second copy of the text),
// it is not a benchmark; the figures it prints are.
const CLUSTERS = 24;
const AREAS = 10;
const OUTCOMES = 25;
const filler =
  'Kan planlegge, gjennomføre og vurdere arbeidet i tråd med gjeldende regelverk og kvalitetskrav. '.repeat(
    18,
  );

function framework() {
  const items: TestItem[] = [];
  for (let c = 0; c < CLUSTERS; c++) {
    items.push({ name: `c${c}`, CFItemType: 'Cluster', humanCodingScheme: `C${c}` });
    for (let a = 0; a < AREAS; a++) {
      items.push({ name: `c${c}a${a}`, parent: `c${c}`, CFItemType: 'Competence area', humanCodingScheme: `C${c}.${a}` });
      for (let o = 0; o < OUTCOMES; o++)
        items.push({
          name: `c${c}a${a}o${o}`, parent: `c${c}a${a}`, sequenceNumber: o + 1,
          CFItemType: ['Knowledge', 'Skills', 'General competence'][o % 3], humanCodingScheme: `C${c}.${a}.${o}`,
          fullStatement: `${o}: ${filler}`, notes: filler, educationLevel: [`NKR-${(o % 8) + 1}`],
        });
    }
  } // prettier-ignore
  return testPackage(items);
}

/** The package's JSON, streamed in 64 KiB chunks as a request body arrives, never joined. */
function* chunks(pkg: ReturnType<typeof framework>): Generator<Buffer> {
  let pending = '';
  for (const part of serialise(pkg)) {
    pending += part;
    if (pending.length >= 65_536) {
      yield Buffer.from(pending);
      pending = '';
    }
  }
  yield Buffer.from(pending);
}
function* serialise(pkg: ReturnType<typeof framework>): Generator<string> {
  yield `{"CFDocument":${JSON.stringify(pkg.CFDocument)},"CFItems":[`;
  for (let i = 0; i < pkg.CFItems.length; i++)
    yield (i ? ',' : '') + JSON.stringify(pkg.CFItems[i]);
  yield '],"CFAssociations":[';
  for (let i = 0; i < pkg.CFAssociations.length; i++)
    yield (i ? ',' : '') + JSON.stringify(pkg.CFAssociations[i]);
  yield ']}';
}

it('a framework of over 20 MB and thousands of items streams in, imports and exports within seconds and bounded memory', async () => {
  const source = framework();
  let bytes = 0;
  for (const c of chunks(source)) bytes += c.length;
  expect(bytes).toBeGreaterThan(20 * 1024 * 1024);

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const started = performance.now();
  const json = await readCasePackageStream(Readable.from(chunks(source)), { limitBytes: 50 * 1024 * 1024 });
  const read = performance.now();
  const { document, warnings } = importCasePackage(json);
  const imported = performance.now();
  const pkg = exportCasePackage(document, { baseUrl: 'https://balanse.example', version: 1 });
  const exported = performance.now();
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().heapUsed);

  expect(warnings).toEqual([]);
  expect(outcomesOf(document)).toHaveLength(CLUSTERS * AREAS * OUTCOMES);
  expect(outcomesOf(document)[OUTCOMES - 1]).toMatchObject({ id: id(`c0a0o${OUTCOMES - 1}`), nkrLevel: 1, type: 'knowledge' });
  expect(pkg.CFItems).toHaveLength(source.CFItems.length);
  const figures =
    `${(bytes / 1024 / 1024).toFixed(1)} MB, ${source.CFItems.length} items: read ${Math.round(read - started)} ms, ` +
    `import ${Math.round(imported - read)} ms, export ${Math.round(exported - imported)} ms, ` +
    `heap growth at peak ${Math.round((peak - heapBefore) / 1024 / 1024)} MB`;
  process.stderr.write(`large CASE framework: ${figures}\n`);
  expect(exported - started).toBeLessThan(20_000);
  // The parsed package and the document each hold the text once (about 2 × 24 MB of UTF-16 strings
  // shared where possible); a second copy of the raw body or per-item copies would show well above this.
  expect(peak - heapBefore).toBeLessThan(250 * 1024 * 1024);

  // The export is valid CASE 1.1 at this size too (checked on a slice: ajv on 24 MB takes long).
  expect(caseSchemaErrors({ ...pkg, CFItems: pkg.CFItems.slice(0, 300), CFAssociations: pkg.CFAssociations.slice(0, 300) })).toEqual([]);
}, 120_000); // prettier-ignore
