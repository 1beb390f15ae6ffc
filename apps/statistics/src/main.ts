import 'reflect-metadata';
import { statisticsService } from '@balanse/statistics';
import { runServiceProcess } from '@balanse/runtime';

runServiceProcess(statisticsService).catch((err: Error) => {
  console.error(`statistics failed to start: ${err.stack ?? err}`);
  process.exit(1);
});
