import { createHmac } from 'node:crypto';
import { newSecret, signature, verifySignature } from './signature';

describe('webhook signatures', () => {
  const secret = newSecret();
  const body = '{"id":"9b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d","type":"case.opened"}';
  const now = 1_764_400_000;

  it('signs "<t>.<body>" with HMAC-SHA256, as t=<unix>,v1=<hex>', () => {
    const mac = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signature(secret, now, body)).toBe(`t=${now},v1=${mac}`);
  });

  it('verifies its own signature, and not another body, secret or a stale timestamp', () => {
    const header = signature(secret, now, body);
    expect(verifySignature(secret, header, body, 300, now + 299)).toBe(true);
    expect(verifySignature(secret, header, `${body} `, 300, now)).toBe(false);
    expect(verifySignature(newSecret(), header, body, 300, now)).toBe(false);
    expect(verifySignature(secret, header, body, 300, now + 301)).toBe(false);
    expect(verifySignature(secret, 'v1=00', body, 300, now)).toBe(false);
  });

  it('generates a new 256-bit secret each time', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).not.toBe(secret);
  });
});
