import { Inject, Injectable } from '@nestjs/common';
import { lastValueFrom } from 'rxjs';
import {
  Command,
  commandSubject,
  DomainError,
  ErrorCode,
  hasReached,
  isNotArrived,
  previousPhase,
  type CaseStatus,
  type CommandContext,
  type CommandMessage,
  type ServiceName,
  type WorkPhase,
} from '@balanse/contracts';
import { BalanseClient, ServiceError, type CommandRoute } from '@balanse/messaging';
import { GATEWAY_OPTIONS, type GatewayOptions } from './gateway-options';

/** Path parameters, the body of a command, the query of a list (`?limit=&cursor=`). */
type Input = { params?: Record<string, string>; body?: unknown; query?: Record<string, unknown> };

/** How one call travels. */
export interface CallOptions {
  /**
   * The command and its answer may each be up to 64 MB encoded (MAX_LARGE_MESSAGE_BYTES), moved
   * over the bus in chunks within its max payload; without it, either over the max payload is 413.
   */
  large?: boolean;
}

/**
 * Sends commands and queries to the services through their ClientProxy, and is the gateway's
 * half of "a phase's first command may wait for its event" (the service's half is ArrivalWait).
 */
@Injectable()
export class ServiceClient {
  private readonly client: BalanseClient;

  constructor(@Inject(GATEWAY_OPTIONS) options: GatewayOptions) {
    this.client = new BalanseClient(options.commands, options.commandTimeoutMs);
  }

  /** One command or query; a service's error answer is thrown as a ServiceError. */
  call<T = unknown>(
    service: ServiceName,
    pattern: string,
    context: CommandContext,
    input: Input = {},
    options: CallOptions = {},
  ): Promise<T> {
    const message: CommandMessage = {
      context,
      data: {
        ...input.params,
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.query !== undefined ? { query: input.query } : {}),
      },
    };
    const subject = commandSubject(service, pattern);
    const route: string | CommandRoute = options.large ? { subject, large: true } : subject;
    return lastValueFrom(this.client.send<T>(route, message));
  }

  /**
   * A command of a later phase on case `params.id`. The phase's service is asked at once. Only
   * if it does not know the case yet is the lifecycle walked back (`confirmOnItsWay`): an
   * unknown case is 404, one that has not got past the previous phase 409, and one that has is
   * on its way, so the command is sent again marked `awaitCase` and the service waits for it.
   */
  async callInPhase<T = unknown>(
    service: 'document' | 'assess',
    pattern: string,
    context: CommandContext,
    input: Input & { params: { id: string } },
  ): Promise<T> {
    try {
      return await this.call<T>(service, pattern, context, input);
    } catch (err) {
      if (!(err instanceof ServiceError) || !isNotArrived(err.body)) throw err;
    }
    const caseId = input.params.id;
    await this.confirmOnItsWay(service, context, caseId);
    return this.call<T>(service, pattern, { ...context, awaitCase: caseId }, input);
  }

  /** 404 unless the case exists for this tenant (identify owns cases). */
  async requireCase(context: CommandContext, caseId: string): Promise<CaseStatus> {
    return this.call<CaseStatus>('identify', Command.caseStatus, context, {
      params: { id: caseId },
    });
  }

  /**
   * Asks the service of the phase before `phase` whether it is done with the case. identify
   * knows every case (unknown → 404); a later service that has not heard of the case yet means
   * the case has not got that far, which the walk confirms one phase further back.
   */
  private async confirmOnItsWay(
    phase: WorkPhase,
    context: CommandContext,
    caseId: string,
  ): Promise<void> {
    const before = previousPhase(phase);
    if (!before) return;
    let status: CaseStatus;
    try {
      status = await this.call<CaseStatus>(before, Command.caseStatus, context, {
        params: { id: caseId },
      });
    } catch (err) {
      if (!(err instanceof ServiceError) || !isNotArrived(err.body)) throw err;
      await this.confirmOnItsWay(before, context, caseId);
      throw notInPhase(before, phase);
    }
    // identify answers the case's phase itself; it hears of later phases a moment late.
    if (!status.done && !hasReached(status.phase, phase)) throw notInPhase(status.phase, phase);
  }
}

function notInPhase(phase: string, expected: WorkPhase): DomainError {
  return new DomainError(
    409,
    ErrorCode.CASE_NOT_IN_PHASE,
    `case is in phase ${phase}; this needs ${expected}`,
    { phase, expected },
  );
}
