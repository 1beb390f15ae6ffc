import { Injectable } from '@nestjs/common';
import {
  CredentialReinstated,
  CredentialRevoked,
  CredentialSuspended,
  DomainError,
  ErrorCode,
  type CommandContext,
  type CredentialStatusReasonDto,
  type EventDefinition,
  type CredentialStatusChangeV1,
} from '@balanse/contracts';
import { commandMeta, UnitOfWork } from '@balanse/messaging';
import { Credential } from '../credentials/credential.entity';
import { view } from '../credentials/credentials.service';
import { credentialState, statusTransition, type StatusChange } from './credential-status';

const EVENTS: Record<StatusChange, EventDefinition<CredentialStatusChangeV1>> = {
  revoke: CredentialRevoked,
  suspend: CredentialSuspended,
  reinstate: CredentialReinstated,
};

/**
 * Revocation (final), suspension and reinstatement of a tenant's credentials. Each change sets
 * or clears the credential's bit (its row's timestamp), bumps the list's revision so the signed
 * list is rebuilt at the next request, and emits its event, in one transaction.
 */
@Injectable()
export class RevocationService {
  constructor(private readonly uow: UnitOfWork) {}

  change(ctx: CommandContext, id: string, change: StatusChange, dto?: CredentialStatusReasonDto) {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const credential = await tx.manager.findOne(Credential, {
        where: { tenantId: ctx.tenantId, id },
        lock: { mode: 'pessimistic_write' },
      });
      // Another tenant's credential is not found: its existence is not told.
      if (!credential) throw DomainError.notFound(ErrorCode.CREDENTIAL_NOT_FOUND, 'credential', id);
      if (credential.statusList === null || credential.statusIndex === null)
        throw new DomainError(
          409,
          ErrorCode.CREDENTIAL_WITHOUT_STATUS,
          `credential ${id} has no status list entry (issued before signing)`,
          { id },
        );
      const transition = statusTransition(credentialState(credential), change);
      if (transition === 'final')
        throw new DomainError(409, ErrorCode.CREDENTIAL_REVOKED, `credential ${id} is revoked`, {
          id,
          status: 'revoked',
        });
      if (transition === 'same') return view(credential);
      const at = new Date();
      const reason = dto?.reason.trim() ?? null;
      const [columns, revision] =
        change === 'revoke'
          ? [{ revokedAt: at, revocationReason: reason }, 'revocation_revision']
          : change === 'suspend'
            ? [{ suspendedAt: at, suspensionReason: reason }, 'suspension_revision']
            : [{ suspendedAt: null, suspensionReason: null }, 'suspension_revision'];
      await tx.manager.update(Credential, { tenantId: ctx.tenantId, id }, columns);
      await tx.manager.query(
        `UPDATE status_list SET ${revision} = ${revision} + 1 WHERE list = $1`,
        [credential.statusList],
      );
      // The subject is the case, as on every case event: a consumer checks it against `caseId`.
      await tx.emit(EVENTS[change], credential.caseId, {
        credentialId: id,
        caseId: credential.caseId,
        standardId: credential.standardId,
        kind: credential.kind,
        at: at.toISOString(),
      });
      return view({ ...credential, ...columns });
    });
  }
}
