import 'reflect-metadata';
import { identifyService } from '@balanse/identify';
import { runServiceProcess } from '@balanse/runtime';

runServiceProcess(identifyService).catch((err: Error) => {
  console.error(`identify failed to start: ${err.stack ?? err}`);
  process.exit(1);
});
