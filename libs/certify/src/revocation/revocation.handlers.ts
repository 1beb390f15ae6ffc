import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { Command, CredentialStatusReasonDto, type CommandContext } from '@balanse/contracts';
import { IdPipe } from '@balanse/messaging';
import { didDocument } from '../issuer/did-web';
import { IssuerConfig } from '../issuer/issuer-config';
import { statusListNumber, statusPurpose } from './credential-status';
import { RevocationService } from './revocation.service';
import { StatusListPublisher } from './status-list-publisher';

const C = Command.certify;

/** A tenant's revocations, suspensions and reinstatements of its credentials. */
@Controller()
export class RevocationCommands {
  constructor(private readonly revocations: RevocationService) {}

  @MessagePattern(C.revokeCredential)
  revoke(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('body') body: CredentialStatusReasonDto,
  ) {
    return this.revocations.change(ctx, id, 'revoke', body);
  }

  @MessagePattern(C.suspendCredential)
  suspend(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('body') body: CredentialStatusReasonDto,
  ) {
    return this.revocations.change(ctx, id, 'suspend', body);
  }

  @MessagePattern(C.reinstateCredential)
  reinstate(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.revocations.change(ctx, id, 'reinstate');
  }
}

/** What verifiers fetch, public: the issuer's DID document and the signed status lists. */
@Controller()
export class IssuerPublicQueries {
  constructor(
    private readonly issuer: IssuerConfig,
    private readonly lists: StatusListPublisher,
  ) {}

  @MessagePattern(C.getDidDocument)
  didDocument() {
    return didDocument(this.issuer.did, this.issuer.keys.publicKeys());
  }

  @MessagePattern(C.getStatusList)
  statusList(@Payload('list') list: unknown, @Payload('purpose') purpose: unknown) {
    return this.lists.get(statusListNumber(list), statusPurpose(purpose));
  }
}
