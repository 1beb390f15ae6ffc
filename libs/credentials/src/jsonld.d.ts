// The part of jsonld 9 (CommonJS, no bundled types) this library uses.
declare module 'jsonld' {
  interface CanonizeOptions {
    algorithm: 'RDFC-1.0';
    format: 'application/n-quads';
    safe?: boolean;
    documentLoader?: (url: string) => Promise<unknown>;
    /** Passed to rdf-canonize. */
    canonizeOptions?: {
      createMessageDigest?: () => { update(msg: string): void; digest(): string };
    };
  }
  export interface JsonLd {
    canonize(input: object, options: CanonizeOptions): Promise<string>;
  }
  const jsonld: JsonLd;
  export default jsonld;
}
