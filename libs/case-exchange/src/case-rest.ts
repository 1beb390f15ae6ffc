import { caseUri } from './case-uris';
import type { CFAssociation, CFDocument, CFItem, CFPackage, LinkUri } from './cfpackage';

/**
 * The answers of the read-only CASE 1.1 REST binding (`/ims/case/v1p1/…`), built from an exported
 * package. The binding's single objects point back to what holds them: a document to its package
 * (`CFPackageURI`, required), an item and an association to their document (`CFDocumentURI`).
 */

const documentLink = (pkg: CFPackage): LinkUri => ({
  title: pkg.CFDocument.title,
  identifier: pkg.CFDocument.identifier,
  uri: pkg.CFDocument.uri,
});

/** `GET /ims/case/v1p1/CFDocuments/{sourcedId}` */
export function caseDocumentView(pkg: CFPackage, baseUrl: string): CFDocument & { CFPackageURI: LinkUri } {
  const { identifier, title } = pkg.CFDocument;
  return { ...pkg.CFDocument, CFPackageURI: { title, identifier, uri: caseUri(baseUrl, 'CFPackages', identifier) } };
} // prettier-ignore

/** `GET /ims/case/v1p1/CFDocuments`: the published documents (the caller pages them). */
export function caseDocumentsView(pkgs: readonly CFPackage[], baseUrl: string) {
  return { CFDocuments: pkgs.map((p) => caseDocumentView(p, baseUrl)) };
}

/** `GET /ims/case/v1p1/CFPackages/{sourcedId}`: the package as exported. */
export const casePackageView = (pkg: CFPackage): CFPackage => pkg;

/** `GET /ims/case/v1p1/CFItems/{sourcedId}`, or undefined when the package has no such item. */
export function caseItemView(pkg: CFPackage, identifier: string): (CFItem & { CFDocumentURI: LinkUri }) | undefined {
  const item = pkg.CFItems.find((i) => i.identifier === identifier);
  return item && { ...item, CFDocumentURI: documentLink(pkg) };
} // prettier-ignore

/** `GET /ims/case/v1p1/CFAssociations/{sourcedId}`, or undefined when the package has no such association. */
export function caseAssociationView(pkg: CFPackage, identifier: string): (CFAssociation & { CFDocumentURI: LinkUri }) | undefined {
  const association = pkg.CFAssociations.find((a) => a.identifier === identifier);
  return association && { ...association, CFDocumentURI: documentLink(pkg) };
} // prettier-ignore
