// The part of jsonld 9 (CommonJS, no bundled types) this library uses.
declare module 'jsonld' {
  interface CanonizeOptions {
    algorithm: 'RDFC-1.0';
    format: 'application/n-quads';
    safe?: boolean;
    documentLoader?: (url: string) => Promise<unknown>;
  }
  export interface JsonLd {
    canonize(input: object, options: CanonizeOptions): Promise<string>;
  }
  const jsonld: JsonLd;
  export default jsonld;
}
