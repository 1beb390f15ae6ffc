import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertificateCluster, CertificateData } from './certificate-data';
import { renderCertificate } from './certificate';

// Poppler's command-line tools (Debian poppler-utils; .ci/run installs it) read what we write,
// as an independent PDF parser. veraPDF is not available here: PDF/A is checked piece by piece.
const dir = mkdtempSync(join(tmpdir(), 'certificate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function poppler(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8' });
}

let fileNo = 0;
function save(pdf: Buffer): string {
  const path = join(dir, `certificate-${++fileNo}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

/** pdftotext's text with runs of white space made single spaces (lines wrap). */
function text(path: string): string {
  return poppler('pdftotext', ['-enc', 'UTF-8', path, '-']).replace(/\s+/g, ' ');
}

function pageCount(path: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(poppler('pdfinfo', [path]))?.[1]);
}

const credentialJson =
  JSON.stringify(
    {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:2f0d8c2e-3c1e-4f57-9a3c-6f1d3b8a5e10',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      credentialSubject: { type: ['AchievementSubject'], achievement: { name: 'Fagarbeider' } },
      proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z3F…' }],
    },
    null,
    2,
  ) + '\n';

const clusters: CertificateCluster[] = [
  {
    title: 'Planlegging og forberedelse',
    outcomes: [
      {
        code: 'K1.1',
        title: 'Planlegge arbeidet ut fra tegninger, beskrivelser og sikkerhetskrav',
      },
      { code: 'K1.2', title: 'Velge verktøy og utstyr som passer oppgaven' },
    ],
  },
  {
    title: 'Utførelse',
    outcomes: [{ code: 'K2.1', title: 'Måle, kappe og montere bærende konstruksjoner' }],
  },
];

function certificate(overrides: Partial<CertificateData> = {}): CertificateData {
  return {
    candidateName: 'Åse Ødegård Bækkelund-ÆØÅ',
    standard: { title: 'Tømrerfaget', version: '2.1.0' },
    result: 'certified',
    outcomesMet: clusters,
    issuerName: 'Opplæringskontoret for byggfag i Møre',
    issuedAt: new Date('2026-03-12T10:00:00Z'),
    verificationUrl: 'https://balanse.example.no/verify/2f0d8c2e-3c1e-4f57-9a3c-6f1d3b8a5e10',
    languages: ['nb', 'en'],
    credentialJson,
    renderedAt: new Date('2026-03-12T10:00:05.123Z'),
    ...overrides,
  };
}

describe('renderCertificate', () => {
  let path: string;
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderCertificate(certificate());
    path = save(pdf);
  });

  it('writes text that extracts: the name with æøå, the standard, the outcomes, the issuer', () => {
    const extracted = text(path);
    expect(extracted).toContain('Åse Ødegård Bækkelund-ÆØÅ');
    expect(extracted).toContain('Tømrerfaget, versjon / version 2.1.0');
    for (const outcome of clusters.flatMap((c) => c.outcomes)) {
      expect(extracted).toContain(outcome.title);
    }
    expect(extracted).toContain('Planlegging og forberedelse');
    expect(extracted).toContain('Opplæringskontoret for byggfag i Møre');
    expect(extracted).toContain('2026-03-12');
    expect(extracted).toContain('Utstedt av / Issued by');
    expect(extracted).toContain('https://balanse.example.no/verify/2f0d8c2e');
  });

  it('is one A4 page for a short list', () => {
    const info = poppler('pdfinfo', [path]);
    expect(pageCount(path)).toBe(1);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(info).toMatch(/Encrypted:\s+no/);
  });

  it('embeds the signed credential as an associated file, byte for byte', () => {
    expect(poppler('pdfdetach', ['-list', path])).toContain('1: credential.json');
    const out = join(dir, 'extracted.json');
    poppler('pdfdetach', ['-save', '1', '-o', out, path]);
    expect(readFileSync(out)).toEqual(Buffer.from(credentialJson, 'utf8'));
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/AF \[ ?\d+ 0 R ?\]/);
    expect(raw).toContain('/AFRelationship /Source');
    expect(raw).toContain('/Subtype /application#2Fjson');
  });

  it('declares PDF/A-3B in XMP that agrees with the Info dictionary', () => {
    const xmp = poppler('pdfinfo', ['-meta', path]);
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('<xmp:CreateDate>2026-03-12T10:00:05Z</xmp:CreateDate>');
    const title = 'Kompetansebevis / Certificate of competence: Åse Ødegård Bækkelund-ÆØÅ';
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${title}</rdf:li>`);
    const info = poppler('pdfinfo', ['-isodates', path]);
    expect(info).toContain(`Title:           ${title}`);
    expect(info).toContain('Author:          Opplæringskontoret for byggfag i Møre');
    expect(info).toMatch(/CreationDate:\s+2026-03-12T10:00:05Z/);
    expect(info).toMatch(/ModDate:\s+2026-03-12T10:00:05Z/);
  });

  it('has an sRGB OutputIntent, a file ID, and only embedded (subset) fonts', () => {
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/OutputIntents \[ ?\d+ 0 R ?\]/);
    expect(raw).toContain('/S /GTS_PDFA1');
    expect(raw).toMatch(/\/DestOutputProfile \d+ 0 R/);
    expect(raw).toMatch(/\/ID \[ ?<[0-9A-F]{32}> <[0-9A-F]{32}> ?\]/);
    expect(raw).not.toContain('/Encrypt');
    const fonts = poppler('pdffonts', [path]).trim().split('\n').slice(2);
    expect(fonts).toHaveLength(2);
    for (const font of fonts) {
      expect(font).toMatch(/^[A-Z]{6}\+DejaVuSans/); // subset prefix
      expect(font).toMatch(/CID TrueType\s+Identity-H\s+yes yes yes/); // emb sub uni
    }
    expect(pdf.length).toBeLessThan(120_000); // subsets, not the 1.4 MB of whole fonts
  });

  it('spreads a long outcome list over several pages, every outcome still there', async () => {
    const many: CertificateCluster[] = Array.from({ length: 12 }, (_, c) => ({
      title: `Område ${c + 1}`,
      outcomes: Array.from({ length: 15 }, (_, o) => ({
        code: `K${c + 1}.${o + 1}`,
        title: `Utbytte ${c + 1}.${o + 1}: kunne gjøre rede for arbeidsoppgaver på en forsvarlig måte`,
      })),
    }));
    const longPath = save(await renderCertificate(certificate({ outcomesMet: many })));
    expect(pageCount(longPath)).toBeGreaterThanOrEqual(4);
    const extracted = text(longPath);
    expect(extracted).toContain('Utbytte 1.1:');
    expect(extracted).toContain('Utbytte 12.15:');
    expect(extracted).toContain(`Side 4 av ${pageCount(longPath)} / Page 4 of`);
  });

  it('shows a partial result with the outcomes still to reach and the training plan', async () => {
    const partialPath = save(
      await renderCertificate(
        certificate({
          result: 'partial',
          outcomesMet: [clusters[0]],
          outcomesToReach: [clusters[1]],
          trainingPlan: ['Praksis i bedrift, 8 uker, med veileder', 'Ny vurdering av K2.1'],
          languages: ['en'],
        }),
      ),
    );
    const extracted = text(partialPath);
    expect(extracted).toContain('Certificate of partial competence');
    expect(extracted).not.toContain('Kompetansebevis');
    expect(extracted).toContain('Learning outcomes still to reach');
    expect(extracted).toContain('Måle, kappe og montere bærende konstruksjoner');
    expect(extracted).toContain('Training plan');
    expect(extracted).toContain('1. Praksis i bedrift, 8 uker, med veileder');
    expect(poppler('pdfinfo', [partialPath])).toMatch(/Title:\s+Certificate of partial/);
  });

  it('shows "?" for a character the font lacks, never the .notdef glyph PDF/A forbids', async () => {
    const path = save(await renderCertificate(certificate({ candidateName: 'Åse 中村 Ødegård' })));
    expect(text(path)).toContain('Åse ?? Ødegård');
  });

  it('refuses an empty name or a verification URL that is not http(s)', async () => {
    await expect(renderCertificate(certificate({ candidateName: ' \n' }))).rejects.toThrow(
      'candidateName',
    );
    await expect(
      renderCertificate(certificate({ verificationUrl: 'javascript:alert(1)' })),
    ).rejects.toThrow('verificationUrl');
  });
});
