import { DomainError } from '@balanse/contracts';
import {
  credentialState,
  credentialStatusView,
  statusListNumber,
  statusPurpose,
  statusTransition,
} from './credential-status';

const active = {
  revokedAt: null,
  revocationReason: null,
  suspendedAt: null,
  suspensionReason: null,
};
const at = new Date('2026-11-29T12:00:00.000Z');
const later = new Date('2026-11-30T08:00:00.000Z');

describe('credential status', () => {
  it('is revoked over suspended over active, with the when and why of the state shown', () => {
    expect(credentialStatusView(active)).toEqual({
      status: 'active',
      statusChangedAt: null,
      statusReason: null,
    });
    const suspended = { ...active, suspendedAt: at, suspensionReason: 'review' };
    expect(credentialStatusView(suspended)).toEqual({
      status: 'suspended',
      statusChangedAt: at.toISOString(),
      statusReason: 'review',
    });
    const revoked = { ...suspended, revokedAt: later, revocationReason: 'wrong person' };
    expect(credentialState(revoked)).toBe('revoked');
    expect(credentialStatusView(revoked)).toEqual({
      status: 'revoked',
      statusChangedAt: later.toISOString(),
      statusReason: 'wrong person',
    });
  });

  it('applies a change, answers one already so as it is, and keeps a revocation final', () => {
    const table = (['active', 'suspended', 'revoked'] as const).map((from) =>
      (['revoke', 'suspend', 'reinstate'] as const).map((c) => statusTransition(from, c)),
    );
    expect(table).toEqual([
      ['set', 'set', 'same'], // active
      ['set', 'same', 'set'], // suspended
      ['same', 'final', 'final'], // revoked
    ]);
  });

  it('reads a list number and a purpose from the path, or names the field', () => {
    expect(statusListNumber('1')).toBe(1);
    expect(statusListNumber('2147483647')).toBe(2_147_483_647);
    for (const bad of ['0', '-1', '01', '1.5', '1e3', 'one', '', ' 1', '2147483648', undefined, {}])
      expect(() => statusListNumber(bad)).toThrow(
        expect.objectContaining({ fields: [expect.objectContaining({ field: 'list' })] }),
      );
    expect(statusPurpose('revocation')).toBe('revocation');
    expect(statusPurpose('suspension')).toBe('suspension');
    for (const bad of ['REVOCATION', 'refresh', '', 7, null]) {
      let error: unknown;
      try {
        statusPurpose(bad);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(400);
      expect((error as DomainError).fields).toEqual([
        { field: 'purpose', message: 'purpose must be one of revocation, suspension' },
      ]);
    }
  });
});
