import { Logger } from '@nestjs/common';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { DomainError, ErrorCode } from '@balanse/contracts';
import { isDatabaseUnavailable } from '../failures';
import { toErrorBody } from './rpc-errors.filter';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('toErrorBody', () => {
  const log = new Logger('test');
  beforeEach(() => {
    jest.spyOn(log, 'warn').mockImplementation(() => undefined);
    jest.spyOn(log, 'error').mockImplementation(() => undefined);
  });

  it.each([
    [
      'admin shutdown (57P01)',
      pgError('57P01', 'terminating connection due to administrator command'),
    ],
    ['starting up (57P03)', pgError('57P03', 'the database system is starting up')],
    ['connection failure (08006)', pgError('08006')],
    ['too many connections (53300)', pgError('53300')],
    ['ECONNREFUSED', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['shutting down, in words', new Error('the database system is shutting down')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a released query runner', new QueryRunnerAlreadyReleasedError()],
    ["a released query runner's connection", new QueryRunnerProviderAlreadyReleasedError()],
    [
      "TypeORM's wrapper of one",
      new QueryFailedError('SELECT 1', [], pgError('57P01', 'terminating connection')),
    ],
  ])('answers %s 503 SERVICE_UNAVAILABLE with a retry hint', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(toErrorBody(err, log)).toEqual({
      status: 503,
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: 'the database is unavailable or restarting; retry shortly',
      details: { retryAfterSeconds: 1 },
    });
  });

  it('answers a failing statement 500 INTERNAL, and a DomainError as it is', () => {
    const unique = new QueryFailedError('INSERT', [], pgError('23505', 'duplicate key'));
    expect(toErrorBody(unique, log)).toMatchObject({ status: 500, code: ErrorCode.INTERNAL });
    expect(toErrorBody(new Error('bug'), log)).toMatchObject({ status: 500 });
    const domain = DomainError.notFound(ErrorCode.CASE_NOT_FOUND, 'case', 'c1');
    expect(toErrorBody(domain, log)).toEqual(domain.toBody());
  });
});
