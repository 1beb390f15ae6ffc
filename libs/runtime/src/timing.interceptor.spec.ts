import { Logger, type ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of, throwError } from 'rxjs';
import { TimingInterceptor } from './timing.interceptor';

class CasesController {
  open() {}
}

function context(type: 'http' | 'rpc'): ExecutionContext {
  return {
    getType: () => type,
    getClass: () => CasesController,
    getHandler: () => CasesController.prototype.open,
  } as unknown as ExecutionContext;
}

describe('TimingInterceptor', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each(['http', 'rpc'] as const)(
    'times %s handlers, whether they succeed or fail',
    async (type) => {
      const debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
      const interceptor = new TimingInterceptor();
      await lastValueFrom(interceptor.intercept(context(type), { handle: () => of(1) }));
      await expect(
        lastValueFrom(
          interceptor.intercept(context(type), { handle: () => throwError(() => new Error('x')) }),
        ),
      ).rejects.toThrow('x');
      expect(debug.mock.calls.map(([line]) => String(line).replace(/\d+ ms/, 'N ms'))).toEqual([
        `${type} CasesController.open ok N ms`,
        `${type} CasesController.open failed N ms`,
      ]);
    },
  );
});
