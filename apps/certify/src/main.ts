import 'reflect-metadata';
import { certifyService } from '@balanse/certify';
import { runServiceProcess } from '@balanse/runtime';

runServiceProcess(certifyService).catch((err: Error) => {
  console.error(`certify failed to start: ${err.stack ?? err}`);
  process.exit(1);
});
