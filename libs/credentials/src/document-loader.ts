import * as multikeyV1 from './contexts/multikey-v1';
import * as obExtensions from './contexts/ob-v3p0-extensions';
import * as ob303 from './contexts/ob-v3p0-3.0.3';
import * as vcV2 from './contexts/vc-v2';
import { CredentialError, ProblemCode } from './problems';

/** The JSON-LD contexts a credential may use, pinned in the repo. */
export const CONTEXTS: ReadonlyMap<string, object> = new Map<string, object>(
  [vcV2, ob303, obExtensions, multikeyV1].map((c) => [c.url, c.document]),
);

export const VC_V2_CONTEXT = vcV2.url;
export const OB_CONTEXT = ob303.url;
export const OB_EXTENSIONS_CONTEXT = obExtensions.url;
export const MULTIKEY_CONTEXT = multikeyV1.url;

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: object;
  /**
   * `static`: jsonld may keep the resolved context for the URL across operations (process-wide,
   * whatever loader a later call brings). Given for the pinned contexts only: their content is
   * fixed by their versioned URL and by this repo.
   */
  tag?: 'static';
}
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/**
 * A jsonld document loader that answers only the pinned contexts (plus `extra`, e.g. a test's
 * controller document) and refuses anything else with UNKNOWN_CONTEXT: it never touches the
 * network, so an unknown context is a clear problem and never a hang. The pinned ones are tagged
 * `static`, so jsonld resolves each once per process rather than once per signature.
 */
export function pinnedDocumentLoader(
  extra: ReadonlyMap<string, object> = new Map(),
): DocumentLoader {
  return async (url: string) => {
    const pinned = CONTEXTS.get(url);
    if (pinned) return { contextUrl: null, documentUrl: url, document: pinned, tag: 'static' };
    const document = extra.get(url);
    if (!document) {
      throw new CredentialError(
        ProblemCode.UNKNOWN_CONTEXT,
        `JSON-LD context ${JSON.stringify(url)} is not pinned; it is never fetched`,
        '@context',
      );
    }
    return { contextUrl: null, documentUrl: url, document };
  };
}
