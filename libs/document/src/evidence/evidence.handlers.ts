import { Injectable } from '@nestjs/common';
import { AddEvidenceDto, CaseIdentified, Command, type CaseIdentifiedV2 } from '@balanse/contracts';
import {
  OnCommand,
  OnEvent,
  type CommandInput,
  type DomainEvent,
  type Tx,
} from '@balanse/messaging';
import { EvidenceService } from './evidence.service';

const C = Command.document;

@Injectable()
export class EvidenceCommands {
  constructor(private readonly evidence: EvidenceService) {}

  @OnCommand(C.addEvidence, AddEvidenceDto)
  add({ context, params, body }: CommandInput<AddEvidenceDto>) {
    return this.evidence.add(context, params['id'], body);
  }

  @OnCommand(C.listEvidence)
  list({ context, params }: CommandInput) {
    return this.evidence.list(context.tenantId, params['id']);
  }

  @OnCommand(C.documentation)
  documentation({ context, params }: CommandInput) {
    return this.evidence.documentation(context.tenantId, params['id']);
  }

  @OnCommand(C.completeDocument)
  complete({ context, params }: CommandInput) {
    return this.evidence.complete(context, params['id']);
  }
}

@Injectable()
export class EvidenceEvents {
  constructor(private readonly evidence: EvidenceService) {}

  @OnEvent(CaseIdentified)
  identified(event: DomainEvent<CaseIdentifiedV2>, tx: Tx) {
    return this.evidence.openPortfolio(tx, event.data);
  }
}
