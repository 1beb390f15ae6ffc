import type { ErrorBody } from '../errors';
import type { Phase } from '../lifecycle';

/** Who asks, for which tenant; travels with every command and becomes the events' metadata. */
export interface CommandContext {
  tenantId: string;
  /** Who acted (a user or API client id), recorded in history. */
  actor: string;
  /** Ties the command to the events it causes (and to the HTTP request id). */
  correlationId: string;
  /**
   * Set by the gateway once the case is known to be on its way to this service (the event that
   * opens the phase is not handled yet): the service waits for it rather than answer "not
   * arrived". The case id. See `PhaseGate` in the gateway and `ArrivalWait` in messaging.
   */
  awaitCase?: string;
  /**
   * Set by the gateway on a creating `POST` sent with an `Idempotency-Key`: the key and a SHA-256
   * (hex) of the request (method, path, tenant, canonical body). The service stores the key with
   * its reply in the creation's transaction and answers a repeat from there.
   */
  idempotency?: IdempotencyClaim;
}

export interface IdempotencyClaim {
  key: string;
  requestHash: string;
}

/** An `Idempotency-Key`: 1-255 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;
/** How long a service keeps a key and its reply; a key sent again later is a new request. */
export const IDEMPOTENCY_KEY_HOURS = 24;

/** What the gateway sends over request/reply: the context, and the pattern's payload. */
export interface CommandMessage {
  context: CommandContext;
  /** Path parameters by name (`id`, `outcomeId`) and, for commands with a body, `body`. */
  data: Record<string, unknown>;
}

export type CommandReply<T = unknown> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Command subjects live under `balanse.cmd.<service>.…`, apart from the event stream's subjects. */
export const COMMAND_PREFIX = 'balanse.cmd';
export const SERVICES = ['identify', 'document', 'assess', 'certify', 'statistics'] as const;
export type ServiceName = (typeof SERVICES)[number];

export function commandSubject(service: ServiceName, pattern: string): string {
  return `${COMMAND_PREFIX}.${service}.${pattern}`;
}

/**
 * Message patterns each service answers (`@MessagePattern(...)`), relative to the service: the
 * subject is `balanse.cmd.<service>.<pattern>`.
 */
export const Command = {
  identify: {
    listStandards: 'standards.list',
    createStandard: 'standards.create',
    getStandard: 'standards.get',
    listStandardVersions: 'standards.versions.list',
    newStandardVersion: 'standards.versions.create',
    patchStandardVersion: 'standards.versions.patch',
    publishStandardVersion: 'standards.versions.publish',
    openCase: 'cases.open',
    getCase: 'cases.get',
    caseHistory: 'cases.history',
    setScope: 'cases.scope',
    completeIdentify: 'cases.identify-complete',
    listCases: 'cases.list',
    setEmployerView: 'cases.employer-view',
    caseGap: 'cases.gap',
    recordNeed: 'needs.record',
    listNeeds: 'needs.list',
    getNeed: 'needs.get',
    changeNeed: 'needs.change',
    createWebhook: 'webhooks.create',
    listWebhooks: 'webhooks.list',
    deleteWebhook: 'webhooks.delete',
    webhookDeliveries: 'webhooks.deliveries',
    updateCandidate: 'candidates.update',
    startBulkJob: 'bulk.start',
    bulkRows: 'bulk.rows',
    finishBulkJob: 'bulk.finish',
    listBulkJobs: 'bulk.list',
    getBulkJob: 'bulk.get',
    bulkJobRows: 'bulk.report',
  },
  document: {
    addEvidence: 'evidence.add',
    listEvidence: 'evidence.list',
    completeDocument: 'cases.document-complete',
  },
  assess: {
    judgeOutcome: 'judgements.put',
    listJudgements: 'judgements.list',
    completeAssess: 'cases.assess-complete',
  },
  certify: {
    listCaseCredentials: 'credentials.list-for-case',
    getCredential: 'credentials.get',
    /** What a credential's PDF certificate shows, without the candidate's name (`CertificateFacts`). */
    getCertificateFacts: 'credentials.certificate',
    /** The credential as a European Learning Model 3.2 credential (JSON-LD). */
    getElmCredential: 'credentials.elm',
    getIssuerProfile: 'issuer-profile.get',
    putIssuerProfile: 'issuer-profile.put',
    revokeCredential: 'credentials.revoke',
    suspendCredential: 'credentials.suspend',
    reinstateCredential: 'credentials.reinstate',
    getStatusList: 'status-lists.get',
    getDidDocument: 'issuer.did-document',
    /** Public: verify a presented credential (JSON or VC-JWT). */
    verifyCredential: 'credentials.verify',
    /** Public: look a credential up by id and verify it (the `/verify/{id}` page). */
    verifyStoredCredential: 'credentials.verify-stored',
    /** A tenant's credential as a VC-JWT. */
    credentialJwt: 'credentials.jwt',
    /** Public: a learning outcome of an announced standard version (what a credential aligns to). */
    getAnnouncedOutcome: 'outcomes.get-announced',
  },
  statistics: {
    /** One table (`StatisticsTableRequest`): cells after disclosure control, never a case. */
    getTable: 'tables.get',
    /** Rebuild every rollup from the facts, in the background; answers its progress. */
    startRebuild: 'rebuild.start',
    getRebuild: 'rebuild.get',
  },
  /**
   * Every phase service answers how far it is with a case (`CaseStatus`): identify for any case
   * it holds, the others once the event that opens their phase has arrived.
   */
  caseStatus: 'cases.status',
  /** Every service answers these about its own dead letters. */
  deadLetters: {
    list: 'dead-letters.list',
    replay: 'dead-letters.replay',
    replayMany: 'dead-letters.replay-many',
    discard: 'dead-letters.discard',
  },
} as const;

/** A phase service's answer to `cases.status`. */
export interface CaseStatus {
  caseId: string;
  /** The case's phase as this service knows it. */
  phase: Phase;
  /** Whether this service is done with the case (its phase is complete). */
  done: boolean;
}
