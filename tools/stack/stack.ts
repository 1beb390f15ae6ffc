/**
 * Starts Balanse the way the tests do (`startStack` from libs/testing) and keeps it running until
 * Ctrl-C: for `npm run bench -- --url …` against the distributed mode, or to try things by hand.
 *
 *   npm run stack -- distributed     # gateway + five services on NATS_URL / DATABASE_URL
 *   npm run stack -- embedded        # node dist/apps/embedded/main.js on a temp folder
 */
import 'reflect-metadata';
import { startStack, testServers } from '@balanse/testing';

const USAGE = `Usage: npm run stack -- embedded|distributed [--token TOKEN]

Starts the built apps as the integration tests do and keeps them running until Ctrl-C.
  distributed  the gateway and the five services as separate processes, on NATS_URL and
               DATABASE_URL (default nats://127.0.0.1:4222, postgres://postgres@127.0.0.1:5432):
               fresh databases (dropped on exit) and the BALANSE_EVENTS stream reset first
  embedded     node dist/apps/embedded/main.js on a fresh temp folder (removed on exit)
  --token T    bearer token (default integration-test-token-0123456789)
Their warnings and errors go to stderr, each line prefixed with its process.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const mode = args[0];
  const tokenAt = args.indexOf('--token');
  const token = tokenAt >= 0 ? args[tokenAt + 1] : undefined;
  const known = args.length === (tokenAt >= 0 ? 3 : 1);
  if ((mode !== 'embedded' && mode !== 'distributed') || !known || (tokenAt >= 0 && !token)) {
    process.stderr.write(`${USAGE}\n`);
    return args.includes('--help') ? 0 : 2;
  }
  if (mode === 'distributed') {
    const { natsUrl, databaseUrl } = testServers();
    process.stderr.write(`starting the distributed stack on ${natsUrl} and ${databaseUrl} ...\n`);
  } else process.stderr.write('starting the embedded stack ...\n');
  const stack = await startStack({ mode, token });
  const lines = [
    '',
    `Balanse (${mode}) is running`,
    `  API      ${stack.url}/api/v1`,
    `  Token    ${stack.token}`,
    ...Object.values(stack.processes).map(
      (p) => `  ${p.name.padEnd(8)} pid ${p.pid}, port ${p.port}`,
    ),
    `  Bench    npm run bench -- --url ${stack.url} --token ${stack.token}`,
    'Ctrl-C stops it.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stderr.write('stopping ...\n');
  await stack.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`stack failed: ${err.stack ?? err}\n`);
    process.exit(1);
  },
);
