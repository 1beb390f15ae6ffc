import { esc, notFoundPage, PAGE_CSP, pickLang, resultPage } from './verify-page';

const href = (l: string) => `/verify/x?lang=${l}`;

describe('the verification page', () => {
  it('picks the language from ?lang, then Accept-Language, then Norwegian', () => {
    expect(pickLang('en', 'nb')).toBe('en');
    expect(pickLang(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(pickLang(undefined, 'de, nn;q=0.8, en;q=0.5')).toBe('nb');
    expect(pickLang(undefined, 'en;q=0, no')).toBe('nb');
    expect(pickLang('xx', undefined)).toBe('nb');
  });

  it('escapes everything from the credential', () => {
    expect(esc(`<script>"'&`)).toBe('&lt;script&gt;&quot;&#39;&amp;');
    const html = resultPage(
      'en',
      {
        verified: false,
        checks: [],
        warnings: [],
        errors: [{ code: 'PROOF_INVALID', message: '<b>x</b>' }],
      },
      {
        id: 'urn:uuid:<x>',
        format: 'Open Badges 3.0',
        name: '<script>alert(1)</script>',
        standard: { name: '<img src=x onerror=alert(1)>', code: 'C"', version: '1' },
        outcomesMet: ['<script>o</script>'],
        outcomesListed: 2,
        issuer: { id: 'did:web:x', name: '</dd><script>' },
        validFrom: '2026-11-29T10:00:00Z',
        validUntil: null,
        revoked: false,
        suspended: false,
      },
      href,
    );
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Not verified');
    expect(html).toContain('2026-11-29');
  });

  it('says not found in both languages, and allows no script in its CSP', () => {
    const html = notFoundPage('nb', href);
    expect(html).toContain('Fant ikke beviset');
    expect(html).toContain('Credential not found');
    expect(PAGE_CSP).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(PAGE_CSP).not.toMatch(/script-src|unsafe/);
  });
});
