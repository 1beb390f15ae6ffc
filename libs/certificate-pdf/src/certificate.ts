import fontkit from '@pdf-lib/fontkit';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PDFFont, PDFPage, RGB } from 'pdf-lib';
import { AFRelationship, PDFDocument, PDFName, PDFString, rgb } from 'pdf-lib';
import type { CertificateCluster, CertificateData } from './certificate-data';
import { label, languageTag, type LabelKey } from './labels';
import { applyPdfa } from './pdfa';
import { drawQrCode } from './qr';
import { clean, wrap } from './text';

/** The font and ICC profile kept beside this module (see assets/README.md). */
export interface CertificateAssets {
  regularFont: Uint8Array;
  boldFont: Uint8Array;
  iccProfile: Uint8Array;
}

// Beside this module: in the sources (jest, swc-register) and in dist/, where the build copies
// every `assets` folder (tools/build.mjs), so the Docker image has them too.
const ASSET_DIR = join(__dirname, 'assets');
let cachedAssets: CertificateAssets | undefined;

export function loadCertificateAssets(): CertificateAssets {
  cachedAssets ??= {
    regularFont: readFileSync(join(ASSET_DIR, 'DejaVuSans.ttf')),
    boldFont: readFileSync(join(ASSET_DIR, 'DejaVuSans-Bold.ttf')),
    iccProfile: readFileSync(join(ASSET_DIR, 'sRGB.icc')),
  };
  return cachedAssets;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const FOOTER = 40;
const QR_SIZE = 112;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.4, 0.4, 0.45);
const ACCENT = rgb(0.05, 0.3, 0.45);
// fontkit's OpenType shaping is most of a render's time, and Latin text set in DejaVu needs none
// of it: no ligatures, contextual forms or kerning (combining marks still get composed glyphs).
const SHAPING = Object.fromEntries(
  ['liga', 'clig', 'calt', 'rlig', 'kern', 'mark', 'mkmk', 'curs', 'rclt'].map((f) => [f, false]),
);
const CREATOR = 'Balanse certify';
const PRODUCER = 'pdf-lib 1.17.1 (https://pdf-lib.js.org)';

interface TextStyle {
  font: PDFFont;
  size: number;
  color?: RGB;
  indent?: number;
  /** Indent of the lines after the first (a bullet's text). */
  hanging?: number;
  maxWidth?: number;
}

/** Lays text out top to bottom, starting a new page when the current one is full. */
class Flow {
  page!: PDFPage;
  y = 0;
  readonly width = A4[0] - 2 * MARGIN;

  constructor(
    private readonly doc: PDFDocument,
    private readonly runningHead: string,
    private readonly small: PDFFont,
  ) {}

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
    if (this.doc.getPageCount() > 1) {
      // One line: a very long name or title is cut, the first page has it whole.
      this.page.drawText(wrap(this.runningHead, this.small, 8, this.width)[0], {
        x: MARGIN,
        y: A4[1] - MARGIN / 2 - 4,
        size: 8,
        font: this.small,
        color: MUTED,
      });
    }
  }

  /** Makes room for `height` points, on a new page if needed. */
  ensure(height: number): void {
    if (this.y - height < MARGIN + FOOTER) this.newPage();
  }

  gap(points: number): void {
    this.y -= points;
  }

  text(text: string, style: TextStyle): void {
    const indent = style.indent ?? 0;
    const hanging = style.hanging ?? 0;
    const lineHeight = style.size * 1.3;
    const maxWidth = (style.maxWidth ?? this.width) - indent;
    const first = wrap(text, style.font, style.size, maxWidth);
    // Re-wrap the lines after the first at the narrower, hanging width.
    const lines =
      hanging && first.length > 1
        ? [first[0], ...wrap(first.slice(1).join(' '), style.font, style.size, maxWidth - hanging)]
        : first;
    lines.forEach((line, i) => {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      this.page.drawText(line, {
        x: MARGIN + indent + (i > 0 ? hanging : 0),
        y: this.y + style.size * 0.25,
        size: style.size,
        font: style.font,
        color: style.color ?? INK,
      });
    });
  }
}

function validate(data: CertificateData): void {
  if (!clean(data.candidateName)) throw new TypeError('candidateName must not be empty');
  if (!data.languages.length) throw new TypeError('languages must name nb, en or both');
  const url = new URL(data.verificationUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError('verificationUrl must be an http(s) URL');
  }
  if (Number.isNaN(data.issuedAt.getTime())) throw new TypeError('issuedAt is not a date');
}

/** Six capital letters derived from the content, so the same input gives the same file. */
function subsetTag(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** A clickable area opening the verification page; printable, as PDF/A wants annotations. */
function addLink(doc: PDFDocument, page: PDFPage, url: string, rect: number[]): void {
  const annot = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: rect,
    Border: [0, 0, 0],
    F: 4,
    A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
  });
  page.node.addAnnot(doc.context.register(annot));
}

/**
 * Renders a credential as an A4 PDF/A-3B certificate: the candidate, the standard, the outcomes
 * met by cluster (and for a partial result those still to reach and the training plan), the
 * issuer, the date and a QR code to the verification page, with the signed credential attached
 * as an associated file (`/AF`, relationship Source).
 */
export async function renderCertificate(
  data: CertificateData,
  assets: CertificateAssets = loadCertificateAssets(),
): Promise<Buffer> {
  validate(data);
  const langs = data.languages;
  const l = (key: LabelKey) => label(key, langs);
  const url = new URL(data.verificationUrl).href; // ASCII, as a PDF URI action wants
  const credential =
    typeof data.credentialJson === 'string'
      ? new TextEncoder().encode(data.credentialJson)
      : data.credentialJson;
  const renderedAt = wholeSeconds(data.renderedAt ?? new Date());
  const name = clean(data.candidateName);
  const standard = `${clean(data.standard.title)}, ${l('version')} ${clean(data.standard.version)}`;

  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  // A subset's PostScript name starts with a six-letter tag and "+" (ISO 32000-1, 9.6.4).
  const tag = subsetTag(`${name}\n${standard}\n${renderedAt.toISOString()}`);
  const regular = await doc.embedFont(assets.regularFont, {
    subset: true,
    features: SHAPING,
    customName: `${tag}+DejaVuSans`,
  });
  const bold = await doc.embedFont(assets.boldFont, {
    subset: true,
    features: SHAPING,
    customName: `${tag.split('').reverse().join('')}+DejaVuSans-Bold`,
  });

  const flow = new Flow(doc, `${name} · ${standard}`, regular);
  flow.newPage();
  const first = flow.page;
  const top = flow.y;

  // The QR code and its caption at the top right; the header text keeps clear of it.
  const qrX = A4[0] - MARGIN - QR_SIZE;
  drawQrCode(first, url, qrX, top - QR_SIZE, QR_SIZE);
  addLink(doc, first, url, [qrX, top - QR_SIZE, qrX + QR_SIZE, top]);
  const caption = wrap(l('verify'), regular, 7, QR_SIZE);
  caption.forEach((line, i) =>
    first.drawText(line, {
      x: qrX + (QR_SIZE - regular.widthOfTextAtSize(line, 7)) / 2,
      y: top - QR_SIZE - 9 * (i + 1),
      size: 7,
      font: regular,
      color: MUTED,
    }),
  );
  const headWidth = flow.width - QR_SIZE - 16;
  const caps = { font: regular, size: 9, color: MUTED, maxWidth: headWidth };

  flow.text(l(data.result), { font: bold, size: 20, color: ACCENT, maxWidth: headWidth });
  flow.gap(14);
  flow.text(l('awardedTo'), caps);
  flow.text(name, { font: bold, size: 24, maxWidth: headWidth });
  flow.gap(10);
  flow.text(l('standard'), caps);
  flow.text(standard, { font: regular, size: 13, maxWidth: headWidth });
  flow.gap(8);
  flow.text(l('issuedBy'), caps);
  flow.text(clean(data.issuerName), { font: regular, size: 11, maxWidth: headWidth });
  flow.gap(6);
  flow.text(l('date'), caps);
  flow.text(data.issuedAt.toISOString().slice(0, 10), { font: regular, size: 11 });
  flow.y = Math.min(flow.y, top - QR_SIZE - 9 * caption.length - 8);

  const section = (title: string) => {
    flow.gap(18);
    flow.ensure(60); // a heading never ends a page
    flow.text(title, { font: bold, size: 13, color: ACCENT });
    flow.page.drawLine({
      start: { x: MARGIN, y: flow.y - 2 },
      end: { x: MARGIN + flow.width, y: flow.y - 2 },
      thickness: 0.5,
      color: ACCENT,
    });
    flow.gap(6);
  };
  const clusters = (list: CertificateCluster[]) => {
    if (!list.some((c) => c.outcomes.length)) {
      flow.text(l('none'), { font: regular, size: 10, color: MUTED });
      return;
    }
    for (const cluster of list) {
      if (!cluster.outcomes.length) continue;
      flow.gap(6);
      flow.ensure(40);
      flow.text(clean(cluster.title), { font: bold, size: 11 });
      for (const outcome of cluster.outcomes) {
        const code = outcome.code ? `${clean(outcome.code)}  ` : '';
        flow.text(`•  ${code}${clean(outcome.title)}`, {
          font: regular,
          size: 10,
          indent: 8,
          hanging: 12,
        });
      }
    }
  };

  section(l('outcomesMet'));
  clusters(data.outcomesMet);
  if (data.result === 'partial') {
    section(l('outcomesToReach'));
    clusters(data.outcomesToReach ?? []);
    if (data.trainingPlan?.length) {
      section(l('trainingPlan'));
      data.trainingPlan.forEach((step, i) =>
        flow.text(`${i + 1}.  ${clean(step)}`, { font: regular, size: 10, indent: 8, hanging: 16 }),
      );
    }
  }
  flow.gap(20);
  flow.text(`${l('attached')}.`, { font: regular, size: 8, color: MUTED });
  flow.text(url, { font: regular, size: 8, color: ACCENT });

  // Footers, now that the page count is known.
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const counter = langs
      .map((lang) => `${label('page', [lang])} ${i + 1} ${label('of', [lang])} ${pages.length}`)
      .join(' / ');
    const counterWidth = regular.widthOfTextAtSize(counter, 8);
    page.drawText(counter, {
      x: A4[0] - MARGIN - counterWidth,
      y: MARGIN / 2,
      size: 8,
      font: regular,
      color: MUTED,
    });
    const [footUrl] = wrap(url, regular, 8, flow.width - counterWidth - 24);
    page.drawText(footUrl, { x: MARGIN, y: MARGIN / 2, size: 8, font: regular, color: MUTED });
    addLink(doc, page, url, [
      MARGIN,
      MARGIN / 2 - 2,
      MARGIN + regular.widthOfTextAtSize(footUrl, 8),
      MARGIN / 2 + 8,
    ]);
  });

  await doc.attach(credential, data.credentialFileName ?? 'credential.json', {
    mimeType: 'application/json',
    description: 'Signed Open Badges 3.0 credential (W3C Verifiable Credential)',
    creationDate: renderedAt,
    modificationDate: renderedAt,
    afRelationship: AFRelationship.Source,
  });
  applyPdfa(
    doc,
    {
      title: `${l(data.result)}: ${name}`,
      author: clean(data.issuerName),
      subject: standard,
      creator: CREATOR,
      producer: PRODUCER,
      language: languageTag(langs[0]),
      date: renderedAt,
    },
    assets.iccProfile,
    credential,
  );
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseAttachments'));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
