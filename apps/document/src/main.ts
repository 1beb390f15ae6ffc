import 'reflect-metadata';
import { documentService } from '@balanse/document';
import { runServiceProcess } from '@balanse/runtime';

runServiceProcess(documentService).catch((err: Error) => {
  console.error(`document failed to start: ${err.stack ?? err}`);
  process.exit(1);
});
