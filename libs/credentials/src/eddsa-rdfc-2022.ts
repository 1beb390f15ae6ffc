import { createHash, hash, sign as edSign, verify as edVerify } from 'node:crypto';
import { CONTEXTS, DocumentLoader, pinnedDocumentLoader } from './document-loader';
import { fastJsonld } from './jsonld-fast-clone';
import { Ed25519Multikey, privateKeyFromMultibase, publicKeyFromMultibase } from './keys';
import { multibaseDecode, multibaseEncode } from './multibase';
import { CredentialError, Problem, ProblemCode } from './problems';

// W3C Data Integrity EdDSA Cryptosuites v1.0, eddsa-rdfc-2022: RDFC-1.0 of the proof options and
// of the document, SHA-256 of each, Ed25519 over the two hashes concatenated.

type Json = Record<string, unknown>;

export interface SignOptions {
  /** When the proof was made; defaults to now (seconds precision, as the reference writes it). */
  created?: Date;
  documentLoader?: DocumentLoader;
}

const defaultLoader = pinnedDocumentLoader();
const jsonld = fastJsonld(CONTEXTS.values());

/**
 * SHA-256 for rdf-canonize (its documented `createMessageDigest` option): the text is gathered and
 * hashed in one call when the digest is asked for, the same bytes as its streaming digest, without
 * a Hash object and a native call per N-Quad. rdf-canonize hashes each blank node's quads.
 */
class GatheredSha256 {
  private text = '';
  update(message: string): void {
    this.text += message;
  }
  digest(): string {
    return hash('sha256', this.text, 'hex');
  }
}
const createMessageDigest = () => new GatheredSha256();

/** RDFC-1.0 canonical N-Quads of a JSON-LD document, as signing and verifying compute them. */
export function canonize(
  input: object,
  documentLoader: DocumentLoader = defaultLoader,
): Promise<string> {
  // `safe` makes any term no context defines an error instead of a silently dropped triple.
  return jsonld.canonize(input, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    safe: true,
    documentLoader,
    canonizeOptions: { createMessageDigest },
  });
}

async function hashData(
  document: Json,
  proofOptions: Json,
  loader: DocumentLoader,
): Promise<Buffer> {
  const [proofNquads, documentNquads] = await Promise.all([
    canonize(proofOptions, loader),
    canonize(document, loader),
  ]);
  return Buffer.concat([
    createHash('sha256').update(proofNquads, 'utf8').digest(),
    createHash('sha256').update(documentNquads, 'utf8').digest(),
  ]);
}

/** Returns a copy of `credential` with a DataIntegrityProof (eddsa-rdfc-2022) in `proof`. */
export async function signCredential(
  credential: Json,
  key: Pick<Ed25519Multikey, 'id' | 'secretKeyMultibase'>,
  options: SignOptions = {},
): Promise<Json> {
  const { proof: _ignored, ...document } = credential;
  void _ignored;
  const created = (options.created ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const proof: Json = {
    type: 'DataIntegrityProof',
    created,
    verificationMethod: key.id,
    cryptosuite: 'eddsa-rdfc-2022',
    proofPurpose: 'assertionMethod',
  };
  const data = await hashData(
    document,
    { '@context': document['@context'], ...proof },
    options.documentLoader ?? defaultLoader,
  );
  const signature = edSign(null, data, privateKeyFromMultibase(key.secretKeyMultibase));
  // The canonical 1EdTech schema wants `proof` as an array.
  return { ...document, proof: [{ ...proof, proofValue: multibaseEncode(signature) }] };
}

/** What a key resolver knows about a verification method id, or undefined when it knows none. */
export interface ResolvedKey {
  publicKeyMultibase: string;
  /** Who controls the key; must be the credential's issuer. */
  controller: string;
}
export type KeyResolver = (
  verificationMethod: string,
) => Promise<ResolvedKey | undefined> | ResolvedKey | undefined;

export interface VerifyResult {
  verified: boolean;
  problems: Problem[];
}

function problem(code: ProblemCode, message: string, path?: string): VerifyResult {
  return { verified: false, problems: [{ code, message, ...(path ? { path } : {}) }] };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The stable code behind a jsonld error (it wraps the loader's error in `details.cause`). */
function problemFromError(error: unknown): VerifyResult {
  for (let e: unknown = error, depth = 0; isObject(e) && depth < 8; depth++) {
    if (e instanceof CredentialError) return problem(e.code, e.message, e.path);
    const details = e.details;
    e = e.cause ?? (isObject(details) ? details.cause : undefined);
  }
  const message = error instanceof Error ? error.message : String(error);
  return problem(ProblemCode.MALFORMED, `The credential cannot be read as JSON-LD: ${message}`);
}

function issuerId(credential: Json): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  return isObject(issuer) && typeof issuer.id === 'string' ? issuer.id : undefined;
}

/**
 * Verifies an eddsa-rdfc-2022 proof. Never throws: every failure is a problem with a stable code.
 * `resolveKey` maps the proof's verification method to a public key and its controller.
 */
export async function verifyCredential(
  credential: unknown,
  resolveKey: KeyResolver,
  options: { documentLoader?: DocumentLoader } = {},
): Promise<VerifyResult> {
  try {
    if (!isObject(credential))
      return problem(ProblemCode.MALFORMED, 'The credential is not a JSON object');
    const { proof: proofs, ...document } = credential;
    const list = Array.isArray(proofs) ? proofs : proofs === undefined ? [] : [proofs];
    const proof = list.find(
      (p): p is Json =>
        isObject(p) && p.type === 'DataIntegrityProof' && p.cryptosuite === 'eddsa-rdfc-2022',
    );
    if (!proof)
      return problem(ProblemCode.PROOF_MISSING, 'No eddsa-rdfc-2022 DataIntegrityProof', 'proof');
    const { proofValue, ...proofOptions } = proof;
    if (typeof proofValue !== 'string' || typeof proofOptions.verificationMethod !== 'string') {
      return problem(
        ProblemCode.MALFORMED,
        'The proof lacks proofValue or verificationMethod',
        'proof',
      );
    }
    if (proofOptions.proofPurpose !== 'assertionMethod') {
      return problem(
        ProblemCode.PROOF_INVALID,
        'The proof purpose is not assertionMethod',
        'proof.proofPurpose',
      );
    }
    const signature = multibaseDecode(proofValue);
    if (!signature || signature.length !== 64) {
      return problem(
        ProblemCode.MALFORMED,
        'proofValue is not a base58btc Ed25519 signature',
        'proof.proofValue',
      );
    }
    const key = await resolveKey(proofOptions.verificationMethod);
    const publicKey = key && publicKeyFromMultibase(key.publicKeyMultibase);
    if (!key || !publicKey) {
      return problem(
        ProblemCode.KEY_UNKNOWN,
        `No Ed25519 key known for ${proofOptions.verificationMethod}`,
        'proof.verificationMethod',
      );
    }
    if (key.controller !== issuerId(document)) {
      return problem(
        ProblemCode.KEY_UNKNOWN,
        'The key is not controlled by the issuer',
        'proof.verificationMethod',
      );
    }
    if (!Array.isArray(document['@context']) || document['@context'].length === 0) {
      return problem(ProblemCode.MALFORMED, 'The credential has no @context list', '@context');
    }
    const data = await hashData(
      document,
      { '@context': document['@context'], ...proofOptions },
      options.documentLoader ?? defaultLoader,
    );
    return edVerify(null, data, publicKey, signature)
      ? { verified: true, problems: [] }
      : problem(
          ProblemCode.PROOF_INVALID,
          'The signature does not match the credential',
          'proof.proofValue',
        );
  } catch (error) {
    return problemFromError(error);
  }
}
