import 'reflect-metadata';
import { assessService } from '@balanse/assess';
import { runServiceProcess } from '@balanse/runtime';

runServiceProcess(assessService).catch((err: Error) => {
  console.error(`assess failed to start: ${err.stack ?? err}`);
  process.exit(1);
});
