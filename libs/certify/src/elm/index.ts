export {
  elmCredential,
  pseudonymousRecipientHash,
  type ElmAwardInput,
  type ElmCredential,
  type ElmOutcome,
  type LangText,
} from './elm-credential';
export { ELM_CONTEXT, EDC_JSON_SCHEMA_ID } from './vocabularies';
