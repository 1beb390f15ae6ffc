import { Inject, Injectable } from '@nestjs/common';
import {
  commandSubject,
  DomainError,
  phaseRank,
  type CommandContext,
  type ErrorBody,
  type Phase,
  type ServiceName,
  Command,
  ErrorCode,
  isNotArrived,
} from '@balanse/contracts';

type Input = { params?: Record<string, string>; body?: unknown; query?: Record<string, string> };
import { GATEWAY_OPTIONS, type GatewayOptions } from './gateway-options';

/** An error answer from a service, passed to the client as it is. */
export class ServiceError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }
}

/** Sends commands and queries to the services over request/reply. */
@Injectable()
export class ServiceClient {
  constructor(@Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions) {}

  async call<T = unknown>(
    service: ServiceName,
    name: string,
    context: CommandContext,
    input: Input = {},
  ): Promise<T> {
    const reply = await this.options.commands.request(
      commandSubject(service, name),
      { context, params: input.params ?? {}, body: input.body, query: input.query ?? {} },
      this.options.commandTimeoutMs,
    );
    if (!reply.ok) throw new ServiceError(reply.error);
    return reply.data as T;
  }

  /**
   * A command of a later phase (document, assess) on case `input.params.id`. The phase's service
   * is asked at once; only if it does not know the case yet does identify, which owns cases, say
   * whether the case does not exist (404), has not reached the phase (409), or is on its way, in
   * which case the command is sent again and waits for the case to arrive.
   */
  async callInPhase<T = unknown>(
    service: 'document' | 'assess',
    name: string,
    context: CommandContext,
    input: Input & { params: { id: string } },
  ): Promise<T> {
    try {
      return await this.call<T>(service, name, context, input);
    } catch (err) {
      if (!(err instanceof ServiceError) || !isNotArrived(err.body)) throw err;
    }
    // identify moves a case to document itself; it learns of later phases from events, a moment late.
    const phase = await this.requireCase(context, input.params.id, 'document');
    if (service === 'assess' && phase === 'document')
      await this.requireDocumented(context, input.params.id);
    return this.call<T>(service, name, context, {
      ...input,
      query: { ...input.query, wait: 'true' },
    });
  }

  /**
   * identify still says `document`: either the case is documented and the news is on its way to
   * assess (then waiting is right), or documentation is still open (409 at once, no waiting).
   */
  private async requireDocumented(context: CommandContext, caseId: string): Promise<void> {
    const documented = await this.call<{ status: string }>(
      'document',
      Command.document.documentation,
      context,
      { params: { id: caseId } },
    ).then(
      (d) => d.status === 'complete',
      (err: unknown) => {
        if (err instanceof ServiceError && isNotArrived(err.body)) return false;
        throw err;
      },
    );
    if (!documented) {
      throw new DomainError(
        409,
        ErrorCode.CASE_NOT_IN_PHASE,
        'case is in phase document; this needs assess',
        { phase: 'document', expected: 'assess' },
      );
    }
  }

  /**
   * Checks with identify, which owns cases, that the case exists for this tenant (404 otherwise)
   * and has reached at least `atLeast` (409 otherwise), before a later phase's service is asked.
   */
  async requireCase(
    context: CommandContext,
    caseId: string,
    atLeast: Phase = 'identify',
  ): Promise<Phase> {
    const { phase } = await this.call<{ phase: Phase }>(
      'identify',
      Command.identify.casePhase,
      context,
      { params: { id: caseId } },
    );
    if (phaseRank(phase) < phaseRank(atLeast)) {
      throw new DomainError(
        409,
        ErrorCode.CASE_NOT_IN_PHASE,
        `case is in phase ${phase}; this needs ${atLeast}`,
        { phase, expected: atLeast },
      );
    }
    return phase;
  }
}
