import { StatusList, StatusListError } from './status-list';

/** The purposes Balanse publishes a list for: one list per purpose. */
export type StatusPurpose = 'revocation' | 'suspension';
export const STATUS_PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/** What a credential carries in `credentialStatus`, one per purpose. */
export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  /** A string, as the spec has it. */
  statusListIndex: string;
  statusListCredential: string;
}

export interface BitstringStatusListCredential {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    encodedList: string;
    /** Milliseconds a verifier may cache the list. */
    ttl?: number;
  };
}

/** The status entry for `index` of the list published at `statusListCredential`. */
export function statusEntry(
  statusListCredential: string,
  statusPurpose: StatusPurpose,
  index: number,
): BitstringStatusListEntry {
  if (!Number.isSafeInteger(index) || index < 0)
    throw new StatusListError('STATUS_INDEX_OUT_OF_RANGE', `not a status index: ${index}`);
  return {
    id: `${statusListCredential}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose,
    statusListIndex: String(index),
    statusListCredential,
  };
}

/**
 * A credential's `credentialStatus`: one entry per list it is on (revocation and suspension),
 * at the index allocated for it in each.
 */
export function credentialStatus(
  lists: Partial<Record<StatusPurpose, { url: string; index: number }>>,
): BitstringStatusListEntry[] {
  return STATUS_PURPOSES.flatMap((purpose) => {
    const list = lists[purpose];
    return list ? [statusEntry(list.url, purpose, list.index)] : [];
  });
}

/** The unsigned `BitstringStatusListCredential` for a list (the proof is added by the signer). */
export function statusListCredential(options: {
  /** Where the credential is served; also the entries' `statusListCredential`. */
  id: string;
  issuer: string;
  statusPurpose: StatusPurpose;
  list: StatusList;
  validFrom: Date;
  validUntil?: Date;
  ttlMs?: number;
}): BitstringStatusListCredential {
  return {
    '@context': [VC_V2_CONTEXT],
    id: options.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuer,
    validFrom: isoSeconds(options.validFrom),
    ...(options.validUntil ? { validUntil: isoSeconds(options.validUntil) } : {}),
    credentialSubject: {
      id: `${options.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: options.statusPurpose,
      encodedList: options.list.encode(),
      ...(options.ttlMs !== undefined ? { ttl: options.ttlMs } : {}),
    },
  };
}

const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface StatusResult {
  purpose: string;
  index: number;
  /** True: revoked (revocation) or suspended (suspension). */
  set: boolean;
}

const INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * A verifier's reading of one `credentialStatus` entry against the (already verified) status list
 * credential it names: whether the bit is set. Checks the shapes, that the list is the one the
 * entry names and serves the entry's purpose, and the index; a StatusListError with a stable code
 * otherwise. The list credential's proof and validity window are checked by the caller.
 */
export function readStatus(entry: unknown, listCredential: unknown): StatusResult {
  const e = entry as Partial<Record<keyof BitstringStatusListEntry, unknown>> | null;
  if (
    !e ||
    typeof e !== 'object' ||
    e.type !== 'BitstringStatusListEntry' ||
    typeof e.statusPurpose !== 'string' ||
    typeof e.statusListIndex !== 'string' ||
    typeof e.statusListCredential !== 'string'
  )
    throw new StatusListError(
      'STATUS_ENTRY_MALFORMED',
      'credentialStatus must be a BitstringStatusListEntry with statusPurpose, statusListIndex and statusListCredential',
    );
  if (!INDEX.test(e.statusListIndex) || !Number.isSafeInteger(Number(e.statusListIndex)))
    throw new StatusListError(
      'STATUS_ENTRY_MALFORMED',
      'statusListIndex must be a non-negative integer written as a string',
    );
  const c = listCredential as Partial<BitstringStatusListCredential> | null;
  const subject = c?.credentialSubject as
    Partial<BitstringStatusListCredential['credentialSubject']> | undefined;
  if (
    !c ||
    typeof c !== 'object' ||
    !Array.isArray(c.type) ||
    !(c.type as string[]).includes('BitstringStatusListCredential') ||
    !subject ||
    subject.type !== 'BitstringStatusList'
  )
    throw new StatusListError(
      'STATUS_LIST_MALFORMED',
      'the status list credential is not a BitstringStatusListCredential',
    );
  if (c.id !== e.statusListCredential)
    throw new StatusListError(
      'STATUS_LIST_MALFORMED',
      'the status list credential is not the one the entry names',
    );
  const purposes: unknown[] = Array.isArray(subject.statusPurpose)
    ? subject.statusPurpose
    : [subject.statusPurpose];
  if (!purposes.includes(e.statusPurpose))
    throw new StatusListError(
      'STATUS_PURPOSE_MISMATCH',
      `the status list is for ${purposes.join(', ')}, the entry for ${e.statusPurpose}`,
    );
  const list = StatusList.decode(subject.encodedList);
  const index = Number(e.statusListIndex);
  return { purpose: e.statusPurpose, index, set: list.get(index) };
}
