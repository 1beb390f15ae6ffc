/** The URI of a CASE object under a server's CASE REST binding. */
export type CaseCollection =
  'CFDocuments' | 'CFItems' | 'CFAssociations' | 'CFPackages' | 'CFItemTypes';

export const caseUri = (baseUrl: string, collection: CaseCollection, identifier: string) =>
  `${baseUrl.replace(/\/+$/, '')}/ims/case/v1p1/${collection}/${identifier}`;
