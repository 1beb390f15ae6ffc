import type { ErrorBody } from '../errors';

/** Who asks, for which tenant; travels with every command and becomes the events' metadata. */
export interface CommandContext {
  tenantId: string;
  /** Who acted (a user or API client id), recorded in history. */
  actor: string;
  /** Ties the command to the events it causes (and to the HTTP request id). */
  correlationId: string;
}

/** What the gateway sends over request/reply. */
export interface CommandMessage {
  context: CommandContext;
  params: Record<string, string>;
  body?: unknown;
  query?: Record<string, string>;
}

export type CommandReply<T = unknown> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Command subjects live under `balanse.cmd.<service>.…`, apart from the event stream's subjects. */
export const COMMAND_PREFIX = 'balanse.cmd';
export const SERVICES = ['identify', 'document', 'assess', 'certify'] as const;
export type ServiceName = (typeof SERVICES)[number];

export function commandSubject(service: ServiceName, name: string): string {
  return `${COMMAND_PREFIX}.${service}.${name}`;
}

/** Command names each service answers (the part after `balanse.cmd.<service>.`). */
export const Command = {
  identify: {
    listStandards: 'standards.list',
    createStandard: 'standards.create',
    getStandard: 'standards.get',
    openCase: 'cases.open',
    getCase: 'cases.get',
    casePhase: 'cases.phase',
    setScope: 'cases.scope',
    completeIdentify: 'cases.identify-complete',
  },
  document: {
    addEvidence: 'evidence.add',
    listEvidence: 'evidence.list',
    completeDocument: 'cases.document-complete',
    documentation: 'cases.documentation',
  },
  assess: {
    judgeOutcome: 'judgements.put',
    listJudgements: 'judgements.list',
    completeAssess: 'cases.assess-complete',
  },
  certify: {
    listCaseCredentials: 'credentials.list-for-case',
    getCredential: 'credentials.get',
  },
  /** Every service answers these about its own dead letters. */
  deadLetters: { list: 'dead-letters.list', replay: 'dead-letters.replay' },
} as const;
