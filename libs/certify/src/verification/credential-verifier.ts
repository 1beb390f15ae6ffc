import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  VerifyCode,
  type VerifyCheck,
  type VerifyProblem,
  type VerifyResult,
} from '@balanse/contracts';
import {
  achievementCredentialSchemaProblems,
  CONTEXTS,
  credentialOfJwt,
  decodeJws,
  JwsError,
  looksLikeJwt,
  ProblemCode,
  verifyCredential,
  verifyJwsSignature,
  type DecodedJws,
} from '@balanse/credentials';
import { IssuerConfig } from '../issuer/issuer-config';

type Json = Record<string, unknown>;

/** At most this many errors (and warnings) in one answer: it stays well within the bus payload. */
const MAX_PROBLEMS = 20;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function issuerOf(credential: Json): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  return isObject(issuer) && typeof issuer.id === 'string' ? issuer.id : undefined;
}

/** Collects the checks that ran and their problems; `verified` when none is an error. */
class Report {
  readonly checks: VerifyCheck[] = [];
  readonly errors: VerifyProblem[] = [];
  readonly warnings: VerifyProblem[] = [];

  ran(check: VerifyCheck): void {
    if (!this.checks.includes(check)) this.checks.push(check);
  }
  error(code: VerifyCode, message: string, path?: string): void {
    if (this.errors.length >= MAX_PROBLEMS) return;
    this.errors.push({ code, message: message.slice(0, 500), ...(path ? { path } : {}) });
  }
  warn(code: VerifyCode, message: string, path?: string): void {
    if (this.warnings.length >= MAX_PROBLEMS) return;
    this.warnings.push({ code, message: message.slice(0, 500), ...(path ? { path } : {}) });
  }
  has(code: VerifyCode): boolean {
    return this.errors.some((e) => e.code === code);
  }
  result(): VerifyResult {
    return {
      verified: this.errors.length === 0,
      checks: [...this.checks],
      warnings: [...this.warnings],
      errors: [...this.errors],
    };
  }
}

/** A credential's status slot as its `credentialStatus` names it on this platform's lists. */
interface Slot {
  list: number;
  index: number;
}

/**
 * Verifies a credential someone presents (a JSON credential or a VC-JWT) against this platform
 * only: the issuer must be ours, the key one of ours, the status read from our own database.
 * Nothing is fetched (offline by design). Never throws for any input: every failure is a
 * problem with a stable code.
 */
@Injectable()
export class CredentialVerifier {
  constructor(
    private readonly issuer: IssuerConfig,
    private readonly dataSource: DataSource,
  ) {}

  async verify(input: unknown, now: Date = new Date()): Promise<VerifyResult> {
    const report = new Report();
    try {
      if (typeof input === 'string') {
        if (!looksLikeJwt(input))
          report.error(
            VerifyCode.MALFORMED,
            'a credential given as a string must be a VC-JWT (a compact JWS: three base64url parts)',
            'verifiableCredential',
          );
        else await this.checkJwt(input, report, now);
      } else if (isObject(input)) {
        await this.checkCredential(input, report, now, 'required');
      } else {
        report.error(
          VerifyCode.MALFORMED,
          `the credential must be a JSON object or a VC-JWT string, not ${input === null ? 'null' : Array.isArray(input) ? 'an array' : `a ${typeof input}`}`,
          'verifiableCredential',
        );
      }
    } catch (err) {
      // Our own bug or the database: not the caller's credential. Still an answer, never a 500.
      report.error(
        VerifyCode.MALFORMED,
        `the credential could not be checked: ${(err as Error)?.message ?? String(err)}`,
      );
    }
    return report.result();
  }

  /** A VC-JWT: the JWS by one of our keys, the claims consistent, then the embedded credential. */
  private async checkJwt(jwt: string, report: Report, now: Date): Promise<void> {
    report.ran('jwt');
    let jws: DecodedJws;
    try {
      jws = decodeJws(jwt);
    } catch (err) {
      if (!(err instanceof JwsError)) throw err;
      report.error(VerifyCode.MALFORMED, err.message, 'verifiableCredential');
      return;
    }
    const { header, payload } = jws;
    const credential = credentialOfJwt(payload);
    if (!credential) {
      report.error(
        VerifyCode.MALFORMED,
        'the JWT carries no credential (neither a `vc` claim nor a credential as its payload)',
        'vc',
      );
      return;
    }
    const did = this.issuer.did;
    const iss = typeof payload.iss === 'string' ? payload.iss : issuerOf(credential);
    if (payload.iss !== undefined && payload.iss !== issuerOf(credential))
      report.error(VerifyCode.MALFORMED, 'the JWT `iss` is not the credential’s issuer', 'iss');
    if (payload.jti !== undefined && payload.jti !== credential.id)
      report.error(VerifyCode.MALFORMED, 'the JWT `jti` is not the credential’s id', 'jti');
    report.ran('proof');
    if (header.alg !== 'EdDSA') {
      report.error(
        VerifyCode.PROOF_INVALID,
        `the JWT is signed ${JSON.stringify(header.alg ?? null)}; only EdDSA (Ed25519) is accepted`,
        'header.alg',
      );
    } else if (iss !== did) {
      report.error(
        VerifyCode.ISSUER_UNKNOWN,
        `the issuer ${JSON.stringify(iss ?? null)} is not this platform (${did}); other issuers are never fetched`,
        'iss',
      );
    } else if (typeof header.kid !== 'string') {
      report.error(VerifyCode.KEY_NOT_ISSUERS, 'the JWT header names no key (`kid`)', 'header.kid');
    } else {
      const key = this.issuerKey(header.kid);
      if (!key)
        report.error(
          VerifyCode.KEY_NOT_ISSUERS,
          `${header.kid} is not one of the issuer’s keys`,
          'header.kid',
        );
      else if (!verifyJwsSignature(jws, key.publicKeyMultibase))
        report.error(
          VerifyCode.PROOF_INVALID,
          'the JWT signature does not match its content',
          'signature',
        );
    }
    report.ran('validFrom');
    if (typeof payload.nbf === 'number' && payload.nbf * 1000 > now.getTime())
      report.error(VerifyCode.NOT_YET_VALID, 'the JWT is not valid yet (`nbf`)', 'nbf');
    report.ran('validUntil');
    if (typeof payload.exp === 'number' && payload.exp * 1000 <= now.getTime())
      report.error(VerifyCode.EXPIRED, 'the JWT has expired (`exp`)', 'exp');
    // The JWS is the proof; a Data Integrity proof inside is checked as well when there is one.
    await this.checkCredential(
      credential,
      report,
      now,
      credential.proof === undefined ? 'none' : 'required',
    );
  }

  /** The key `<our did>#<key id>` names, if it is one of ours. */
  private issuerKey(methodId: string): { publicKeyMultibase: string } | undefined {
    const prefix = `${this.issuer.did}#`;
    if (!methodId.startsWith(prefix)) return undefined;
    return this.issuer.keys.find(methodId.slice(prefix.length));
  }

  private async checkCredential(
    credential: Json,
    report: Report,
    now: Date,
    proof: 'required' | 'none',
  ): Promise<void> {
    // The shape a verifier needs before anything else: contexts and types.
    const context = credential['@context'];
    if (!Array.isArray(context) || context.length === 0) {
      report.error(VerifyCode.MALFORMED, 'the credential has no @context list', '@context');
      return;
    }
    const types = credential.type;
    if (!Array.isArray(types) || !types.includes('VerifiableCredential')) {
      report.error(
        VerifyCode.MALFORMED,
        'the credential’s type is not a list naming VerifiableCredential',
        'type',
      );
      return;
    }
    const unknown = context.filter((c) => typeof c !== 'string' || !CONTEXTS.has(c));
    for (const c of unknown)
      report.error(
        VerifyCode.UNKNOWN_CONTEXT,
        typeof c === 'string'
          ? `JSON-LD context ${JSON.stringify(c.slice(0, 200))} is not pinned here; contexts are never fetched`
          : 'an inline JSON-LD context is not accepted',
        '@context',
      );

    report.ran('schema');
    for (const p of achievementCredentialSchemaProblems(credential))
      report.error(VerifyCode.SCHEMA_INVALID, p.message, p.path);

    report.ran('issuer');
    const did = this.issuer.did;
    const issuer = issuerOf(credential);
    const ours = issuer === did;
    if (!ours)
      report.error(
        VerifyCode.ISSUER_UNKNOWN,
        `the issuer ${JSON.stringify(issuer ?? null)} is not this platform (${did}); other issuers are never fetched`,
        'issuer',
      );

    if (proof === 'required') {
      report.ran('proof');
      await this.checkProof(credential, report, ours && unknown.length === 0);
    }

    report.ran('validFrom');
    const from = Date.parse(String(credential.validFrom));
    if (!Number.isNaN(from) && from > now.getTime() && !report.has(VerifyCode.NOT_YET_VALID))
      report.error(
        VerifyCode.NOT_YET_VALID,
        `the credential is valid from ${String(credential.validFrom)}`,
        'validFrom',
      );
    report.ran('validUntil');
    if (credential.validUntil !== undefined) {
      const until = Date.parse(String(credential.validUntil));
      if (!Number.isNaN(until) && until <= now.getTime() && !report.has(VerifyCode.EXPIRED))
        report.error(
          VerifyCode.EXPIRED,
          `the credential expired at ${String(credential.validUntil)}`,
          'validUntil',
        );
    }

    report.ran('credentialStatus');
    await this.checkStatus(credential, report);
  }

  private async checkProof(credential: Json, report: Report, signatureCheck: boolean) {
    const proofs = Array.isArray(credential.proof)
      ? credential.proof
      : credential.proof === undefined
        ? []
        : [credential.proof];
    if (proofs.length === 0) {
      report.error(VerifyCode.PROOF_MISSING, 'the credential has no proof', 'proof');
      return;
    }
    // An issuer not ours (or a context not pinned) is reported already; its key is never fetched.
    if (!signatureCheck) return;
    const did = this.issuer.did;
    const result = await verifyCredential(credential, (methodId) => {
      const key = this.issuerKey(methodId);
      return key ? { publicKeyMultibase: key.publicKeyMultibase, controller: did } : undefined;
    });
    for (const p of result.problems) {
      const code =
        p.code === ProblemCode.KEY_UNKNOWN
          ? VerifyCode.KEY_NOT_ISSUERS
          : (p.code as Exclude<ProblemCode, 'KEY_UNKNOWN'>);
      if (code === VerifyCode.UNKNOWN_CONTEXT && report.has(code)) continue;
      report.error(code, p.message, p.path);
    }
  }

  /** Reads the credential's bits in our own revocation and suspension lists (the database). */
  private async checkStatus(credential: Json, report: Report): Promise<void> {
    const status = credential.credentialStatus;
    const entries = Array.isArray(status) ? status : status === undefined ? [] : [status];
    if (entries.length === 0) {
      report.warn(VerifyCode.STATUS_UNCHECKED, 'the credential has no credentialStatus');
      return;
    }
    const slots: Slot[] = [];
    for (const entry of entries) {
      const slot = isObject(entry) ? this.slotOf(entry) : undefined;
      if (slot) slots.push(slot);
      else
        report.warn(
          VerifyCode.STATUS_UNCHECKED,
          'a credentialStatus entry that is not a BitstringStatusListEntry on this platform’s lists',
          'credentialStatus',
        );
    }
    for (const slot of slots.slice(0, 4)) {
      const rows: Array<{ revoked_at: Date | null; suspended_at: Date | null }> =
        await this.dataSource.query(
          `SELECT revoked_at, suspended_at FROM credential WHERE status_list = $1 AND status_index = $2`,
          [slot.list, slot.index],
        );
      const row = rows[0];
      if (!row) {
        report.warn(
          VerifyCode.STATUS_UNCHECKED,
          `status list ${slot.list} has no credential at index ${slot.index}`,
          'credentialStatus',
        );
        continue;
      }
      if (row.revoked_at && !report.has(VerifyCode.STATUS_REVOKED))
        report.error(VerifyCode.STATUS_REVOKED, 'the issuer has revoked the credential');
      if (row.suspended_at && !report.has(VerifyCode.STATUS_SUSPENDED))
        report.error(VerifyCode.STATUS_SUSPENDED, 'the issuer has suspended the credential');
    }
  }

  /** Where a status entry points on our lists: `<publicUrl>/api/v1/status-lists/<n>/<purpose>`. */
  private slotOf(entry: Json): Slot | undefined {
    if (entry.type !== 'BitstringStatusListEntry') return undefined;
    const url = entry.statusListCredential;
    const index = entry.statusListIndex;
    if (typeof url !== 'string' || typeof index !== 'string' || !/^(0|[1-9]\d{0,9})$/.test(index))
      return undefined;
    const prefix = `${this.issuer.publicUrl}/api/v1/status-lists/`;
    if (!url.startsWith(prefix)) return undefined;
    const m = /^([1-9]\d{0,8})\/(revocation|suspension)$/.exec(url.slice(prefix.length));
    if (!m || (entry.statusPurpose !== undefined && entry.statusPurpose !== m[2])) return undefined;
    const n = Number(index);
    if (n > 2 ** 31 - 1) return undefined;
    return { list: Number(m[1]), index: n };
  }
}
