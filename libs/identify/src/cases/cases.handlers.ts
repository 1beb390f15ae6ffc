import { Injectable } from '@nestjs/common';
import { Command, OpenCaseDto, SetScopeDto } from '@balanse/contracts';
import { OnCommand, type CommandInput } from '@balanse/messaging';
import { CasesService } from './cases.service';

const C = Command.identify;

/** Commands and queries on cases, as the gateway sends them. */
@Injectable()
export class CaseCommands {
  constructor(private readonly cases: CasesService) {}

  @OnCommand(C.openCase, OpenCaseDto)
  open({ context, body }: CommandInput<OpenCaseDto>) {
    return this.cases.open(context, body);
  }

  @OnCommand(C.getCase)
  get({ context, params }: CommandInput) {
    return this.cases.view(context.tenantId, params['id']);
  }

  @OnCommand(C.casePhase)
  phase({ context, params }: CommandInput) {
    return this.cases.phase(context.tenantId, params['id']);
  }

  @OnCommand(C.setScope, SetScopeDto)
  scope({ context, params, body }: CommandInput<SetScopeDto>) {
    return this.cases.setScope(context, params['id'], body);
  }

  @OnCommand(C.completeIdentify)
  complete({ context, params }: CommandInput) {
    return this.cases.completeIdentify(context, params['id']);
  }
}
