import {
  caseAssociationView,
  caseDocumentsView,
  caseDocumentView,
  caseItemView,
  casePackageView,
} from './case-rest';
import { caseSchemaErrors, openapiResponseValidator } from './case-schemas.testing';
import { exportCasePackage } from './export-case-package';
import { importCasePackage } from './import-case-package';
import act from './fixtures/act-holistic-framework-math.json';

const BASE = 'https://balanse.example';
const pkg = exportCasePackage(importCasePackage(act).document, { baseUrl: BASE, version: 1 });

function valid(path: string, body: unknown) {
  const validate = openapiResponseValidator(path);
  expect(validate(body) ? [] : validate.errors).toEqual([]);
}

describe('the CASE 1.1 REST binding’s answers, checked against the official OpenAPI file', () => {
  it('CFDocuments and CFDocuments/{sourcedId}: the document, pointing to its package', () => {
    const view = caseDocumentView(pkg, BASE);
    expect(view.CFPackageURI).toEqual({
      title: 'ACT Holistic Framework, Math',
      identifier: pkg.CFDocument.identifier,
      uri: `${BASE}/ims/case/v1p1/CFPackages/${pkg.CFDocument.identifier}`,
    });
    valid('/CFDocuments/{sourcedId}', view);
    // The check has teeth: the package's own CFDocument lacks the binding's CFPackageURI.
    expect(openapiResponseValidator('/CFDocuments/{sourcedId}')(pkg.CFDocument)).toBe(false);
    valid('/CFDocuments', caseDocumentsView([pkg, pkg], BASE));
  });

  it('CFPackages/{sourcedId}: the exported package', () => {
    valid('/CFPackages/{sourcedId}', casePackageView(pkg));
    expect(caseSchemaErrors(casePackageView(pkg))).toEqual([]);
  });

  it('CFItems/{sourcedId} and CFAssociations/{sourcedId}: one of each, pointing to its document; unknown ids are not found', () => {
    const item = caseItemView(pkg, pkg.CFItems[3].identifier);
    expect(item).toMatchObject({ identifier: pkg.CFItems[3].identifier, CFDocumentURI: { identifier: pkg.CFDocument.identifier } });
    valid('/CFItems/{sourcedId}', item);
    const association = caseAssociationView(pkg, pkg.CFAssociations[5].identifier);
    valid('/CFAssociations/{sourcedId}', association);
    expect(caseItemView(pkg, pkg.CFAssociations[5].identifier)).toBeUndefined();
    expect(caseAssociationView(pkg, pkg.CFItems[0].identifier)).toBeUndefined();
  }); // prettier-ignore
});
