import { createHash } from 'node:crypto';
import type { PDFDocument } from 'pdf-lib';
import { PDFHexString, PDFName, PDFString } from 'pdf-lib';

/** What the Info dictionary and the XMP packet must both say (PDF/A wants them equal). */
export interface PdfaMetadata {
  title: string;
  author: string;
  subject: string;
  creator: string;
  producer: string;
  language: string;
  /** Whole seconds: the Info dictionary's dates have no fractions. */
  date: Date;
}

const ICC_NAME = 'sRGB IEC61966-2.1';

/**
 * Makes the document PDF/A-3B: Info and XMP metadata that agree, an sRGB OutputIntent, a file
 * identifier. Fonts are embedded by the caller; pdf-lib never encrypts.
 */
export function applyPdfa(
  doc: PDFDocument,
  meta: PdfaMetadata,
  iccProfile: Uint8Array,
  /** The attached content, so that two certificates made the same second differ in /ID. */
  content: Uint8Array,
): void {
  const { context, catalog } = doc;
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.producer);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.setLanguage(meta.language);

  const xmp = new TextEncoder().encode(xmpPacket(meta));
  // Left uncompressed so that any tool (and a reader of the file) finds the packet.
  const metadata = context.stream(xmp, { Type: 'Metadata', Subtype: 'XML', Length: xmp.length });
  catalog.set(PDFName.of('Metadata'), context.register(metadata));

  const profile = context.register(context.flateStream(iccProfile, { N: 3 }));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(ICC_NAME),
    Info: PDFString.of(ICC_NAME),
    DestOutputProfile: profile,
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(intent)]));

  // PDF/A requires the trailer's /ID; derived from the metadata and content so it is stable.
  const id = createHash('sha256')
    .update(JSON.stringify(meta))
    .update(content)
    .digest('hex')
    .slice(0, 32)
    .toUpperCase();
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}

/** The PDF date as XMP writes it: ISO 8601 in UTC, whole seconds. */
export function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function xml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

/** The XMP packet: PDF/A-3B identification, Dublin Core, XMP basic and PDF properties. */
export function xmpPacket(meta: PdfaMetadata): string {
  const date = xmpDate(meta.date);
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>${xml(meta.language)}</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreatorTool>${xml(meta.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>${xml(meta.producer)}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
