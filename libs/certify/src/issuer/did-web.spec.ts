import { IssuerKey, IssuerKeys } from './issuer-keys';
import { seedFromSecretMultibase } from '@balanse/credentials';
import {
  assertionKey,
  didDocument,
  didDocumentUrl,
  didWebFromUrl,
  DidWebError,
  verificationMethodId,
} from './did-web';

describe('did:web identifiers', () => {
  it('follows the did:web spec examples, host, port and path', () => {
    expect(didWebFromUrl('https://balanse.example')).toBe('did:web:balanse.example');
    expect(didWebFromUrl('https://Balanse.Example/')).toBe('did:web:balanse.example');
    // did:web spec: `did:web:localhost%3A8443` and `did:web:w3c-ccg.github.io:user:alice`.
    expect(didWebFromUrl('https://localhost:8443')).toBe('did:web:localhost%3A8443');
    expect(didWebFromUrl('https://w3c-ccg.github.io/user/alice')).toBe(
      'did:web:w3c-ccg.github.io:user:alice',
    );
    expect(didWebFromUrl('https://balanse.example', 'acme')).toBe(
      'did:web:balanse.example:issuers:acme',
    );
    expect(didWebFromUrl('https://balanse.example:8443/app', 'acme')).toBe(
      'did:web:balanse.example%3A8443:app:issuers:acme',
    );
  });

  it('maps a DID back to where its document is served', () => {
    expect(didDocumentUrl('did:web:balanse.example')).toBe(
      'https://balanse.example/.well-known/did.json',
    );
    expect(didDocumentUrl('did:web:localhost%3A8443')).toBe(
      'https://localhost:8443/.well-known/did.json',
    );
    expect(didDocumentUrl('did:web:w3c-ccg.github.io:user:alice')).toBe(
      'https://w3c-ccg.github.io/user/alice/did.json',
    );
    expect(didDocumentUrl(didWebFromUrl('https://b.example:3000', 't-1'), 'http')).toBe(
      'http://b.example:3000/issuers/t-1/did.json',
    );
    expect(() => didDocumentUrl('did:key:z6Mk')).toThrow(DidWebError);
  });

  it('refuses URLs a did:web cannot name', () => {
    for (const url of [
      'not a url',
      'ftp://balanse.example',
      'https://balanse.example/?q=1',
      'https://balanse.example/#x',
      'https://user:pw@balanse.example',
      'https://[::1]:3000',
      'https://balanse.example/a%20b',
    ])
      expect(() => didWebFromUrl(url)).toThrow(DidWebError);
    expect(() => didWebFromUrl('https://balanse.example', 'a:b')).toThrow(DidWebError);
    expect(() => didWebFromUrl('https://balanse.example', '')).toThrow(DidWebError);
  });
});

describe('the DID document', () => {
  const did = 'did:web:balanse.example';
  // The key of the EdDSA spec's test vectors, current, and an older one kept for old credentials.
  const current = new IssuerKey(
    'key-2026',
    seedFromSecretMultibase('z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq'),
  );
  const old = IssuerKey.generate('key-2025');
  const keys = new IssuerKeys([current, old]);

  it('lists every key as a Multikey for assertion and authentication (DID Core / Multikey shape)', () => {
    const document = didDocument(did, keys.publicKeys());
    expect(document).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [
        {
          id: 'did:web:balanse.example#key-2026',
          type: 'Multikey',
          controller: did,
          publicKeyMultibase: 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
        },
        {
          id: 'did:web:balanse.example#key-2025',
          type: 'Multikey',
          controller: did,
          publicKeyMultibase: old.publicKeyMultibase,
        },
      ],
      assertionMethod: ['did:web:balanse.example#key-2026', 'did:web:balanse.example#key-2025'],
      authentication: ['did:web:balanse.example#key-2026', 'did:web:balanse.example#key-2025'],
    });
    // Plain JSON: nothing secret, nothing that does not serialise.
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
    expect(JSON.stringify(document)).not.toContain(current.toConfigLine().split('=')[1]);
    expect(() => didDocument(did, [])).toThrow(DidWebError);
  });

  it("finds a proof's key only when the document lets it assert", () => {
    const document = didDocument(did, keys.publicKeys());
    expect(assertionKey(document, verificationMethodId(did, 'key-2025'))?.publicKeyMultibase).toBe(
      old.publicKeyMultibase,
    );
    expect(assertionKey(document, 'did:web:other.example#key-2025')).toBeUndefined();
    expect(assertionKey(document, `${did}#key-1999`)).toBeUndefined();
    const authOnly = { ...document, assertionMethod: [`${did}#key-2026`] };
    expect(assertionKey(authOnly, `${did}#key-2025`)).toBeUndefined();
  });
});
