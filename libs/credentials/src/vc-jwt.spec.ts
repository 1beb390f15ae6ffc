import { generateEd25519Multikey } from './keys';
import {
  credentialOfJwt,
  decodeJws,
  JwsError,
  looksLikeJwt,
  signVcJwt,
  verifyJwsSignature,
} from './vc-jwt';

const key = generateEd25519Multikey('did:web:balanse.example', 'key-1');
const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:7c0c9d5e-2f3b-4f53-9c5e-3d1f0b0a1e2d',
  type: ['VerifiableCredential'],
  issuer: { id: 'did:web:balanse.example', name: 'Balanse' },
  validFrom: '2026-11-29T10:00:00Z',
  validUntil: '2031-11-29T10:00:00Z',
  credentialSubject: { id: 'did:example:holder' },
  proof: [{ type: 'DataIntegrityProof' }],
};

describe('VC-JWT', () => {
  it('signs the credential as Open Badges 3.0 section 8.2 has it, and verifies', () => {
    const jwt = signVcJwt(credential, key, { issuedAt: new Date('2026-11-29T12:00:00Z') });
    expect(looksLikeJwt(jwt)).toBe(true);
    const jws = decodeJws(jwt);
    expect(jws.header).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: key.id });
    const { proof: _p, ...vc } = credential;
    void _p;
    expect(jws.payload).toEqual({
      iss: 'did:web:balanse.example',
      jti: credential.id,
      sub: 'did:example:holder',
      nbf: Date.parse(credential.validFrom) / 1000,
      exp: Date.parse(credential.validUntil) / 1000,
      iat: Date.parse('2026-11-29T12:00:00Z') / 1000,
      vc,
    });
    expect(credentialOfJwt(jws.payload)).toEqual(vc);
    expect(verifyJwsSignature(jws, key.publicKeyMultibase)).toBe(true);
    expect(verifyJwsSignature(jws, generateEd25519Multikey('did:x').publicKeyMultibase)).toBe(
      false,
    );
  });

  it('refuses what is not a compact JWS of JSON objects', () => {
    for (const bad of [
      '',
      'a.b',
      'a.b.c',
      '!.!.!',
      `${Buffer.from('[]').toString('base64url')}.e30.`,
    ])
      expect(() => decodeJws(bad)).toThrow(JwsError);
    expect(looksLikeJwt(42)).toBe(false);
  });

  it('reads the VC-JOSE-COSE form (the credential as the payload) too', () => {
    expect(credentialOfJwt({ '@context': ['x'], id: 'y' })).toEqual({ '@context': ['x'], id: 'y' });
    expect(credentialOfJwt({ iss: 'x' })).toBeUndefined();
  });
});
