/**
 * Jest's node environment, with the output of a test kept back unless the test fails.
 *
 * Many tests provoke failures on purpose (a poison event, a killed service, a duplicate key), and
 * the code under test rightly logs them: printed, they look like breakage in a run that passed.
 * So while a test file runs, everything written to stdout and stderr (console, Nest's logger,
 * TypeORM, the output of the processes a stack started, which the harness echoes to stderr) is
 * kept, and printed only for a test or hook that fails, under a header that names it.
 *
 * `BALANSE_TEST_LOGS=all` prints everything as it comes instead.
 */
import { Console } from 'node:console';
import NodeEnvironment from 'jest-environment-node';

/** The parts of jest-circus's events used here. */
interface Block {
  name: string;
  parent?: Block;
}
interface TestEntry extends Block {
  errors: unknown[];
}
type TestEvent =
  | { name: 'test_done'; test: TestEntry }
  | { name: 'hook_failure'; hook: { type: string } }
  | { name: 'error' }
  | { name: 'other' };

type Write = typeof process.stdout.write;

const MAX_LINES = 400;

export default class QuietEnvironment extends NodeEnvironment {
  private kept: string[] = [];
  private restore: Array<() => void> = [];
  /** stderr's `write` as it was before setup() kept the output back. */
  private stderrWrite: ((text: string) => void) | undefined;

  override async setup(): Promise<void> {
    await super.setup();
    if (process.env['BALANSE_TEST_LOGS'] === 'all') return;
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write;
      if (stream === process.stderr) this.stderrWrite = (text) => original.call(stream, text);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        this.kept.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
        const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        done?.();
        return true;
      }) as Write;
      this.restore.push(() => (stream.write = original));
    }
    // Jest's console buffers what a test logs and prints it after the file, even when every
    // test passed; this one writes to the streams above.
    this.global.console = new Console({ stdout: process.stdout, stderr: process.stderr });
  }

  override async teardown(): Promise<void> {
    for (const restore of this.restore.splice(0)) restore();
    this.stderrWrite = undefined;
    await super.teardown();
  }

  handleTestEvent(event: TestEvent): void {
    switch (event.name) {
      case 'test_done':
        if (event.test.errors.length > 0) this.show(`test "${fullName(event.test)}" failed`);
        this.kept = [];
        break;
      case 'hook_failure':
        this.show(`${event.hook.type} hook failed`);
        this.kept = [];
        break;
      case 'error':
        this.show('the test file failed');
        this.kept = [];
        break;
    }
  }

  /** Prints what was kept since the previous test ended (a test's hooks included). */
  private show(why: string): void {
    const lines = this.kept.join('').split('\n');
    if (lines.at(-1) === '') lines.pop();
    if (lines.length === 0) return;
    const shown = lines.slice(-MAX_LINES);
    const omitted = lines.length - shown.length;
    const text = [
      '',
      `── output kept back while the ${why}${omitted ? ` (last ${MAX_LINES} of ${lines.length} lines)` : ''} ──`,
      ...shown,
      '── end of kept output ──',
      '',
    ].join('\n');
    this.stderrWrite?.(text);
  }
}

function fullName(test: TestEntry): string {
  const names: string[] = [test.name];
  for (let block = test.parent; block && block.name !== 'ROOT_DESCRIBE_BLOCK'; block = block.parent)
    names.unshift(block.name);
  return names.join(' › ');
}
