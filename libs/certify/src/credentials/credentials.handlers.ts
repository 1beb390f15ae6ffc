import { Injectable } from '@nestjs/common';
import { CaseAssessed, Command, type CaseAssessedV2 } from '@balanse/contracts';
import {
  OnCommand,
  OnEvent,
  type CommandInput,
  type DomainEvent,
  type Tx,
} from '@balanse/messaging';
import { CredentialsService } from './credentials.service';

const C = Command.certify;

@Injectable()
export class CredentialQueries {
  constructor(private readonly credentials: CredentialsService) {}

  @OnCommand(C.listCaseCredentials)
  listForCase({ context, params }: CommandInput) {
    return this.credentials.listForCase(context.tenantId, params['id']);
  }

  @OnCommand(C.getCredential)
  get({ context, params }: CommandInput) {
    return this.credentials.get(context.tenantId, params['id']);
  }
}

@Injectable()
export class CredentialEvents {
  constructor(private readonly credentials: CredentialsService) {}

  @OnEvent(CaseAssessed)
  assessed(event: DomainEvent<CaseAssessedV2>, tx: Tx) {
    return this.credentials.issue(tx, event.data);
  }
}
