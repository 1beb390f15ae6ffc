/**
 * Ids for the API's documented examples. The seeded ones are the department-leader standard's
 * (identify's seed; its spec checks they match), so an example can be tried as it stands; the
 * others stand for ids the API hands out.
 */
export const EXAMPLE_IDS = {
  /** The seeded standard `avdelingsleder-helse-omsorg` (version 1; its ids predate version numbers). */
  standard: '25a56db1-71c1-5814-9288-3f646c3fe4db',
  /** Its first cluster, first area and the area's two outcomes, FR-1 and FR-2. */
  cluster: 'b93b84c2-b653-5c69-97de-1b3fecfbe89b',
  area: '7832c3c2-3c22-5bed-9a76-13e30b8c5969',
  outcome: '198b35dd-846c-5f9a-b587-413463de7852',
  outcome2: 'fd7a7d91-c790-5cd4-b184-26b7fab68258',
  /** The seeded need of the battery industry (7,000 people, 50-80 % skilled workers). */
  need: 'a61b4494-a192-5424-a28a-9141ded2a731',
  case: '0e6f3c1a-7b2d-4c59-9a41-3f8e2d1c6b70',
  candidate: '5d2b8e44-1f3a-4e6b-8c0d-9a7f6e5d4c3b',
  evidence: 'a3c9e2f1-6b4d-4a8e-b7c5-2d1f0e9a8b76',
  credential: 'c7e1d2b3-9f8a-4c6d-a5b4-3e2f1d0c9b8a',
  deadLetter: 'e4b5a6c7-d8e9-4f0a-8b1c-2d3e4f5a6b7c',
  event: '9b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  webhook: '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  delivery: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
  bulkJob: '6f1e2d3c-4b5a-4978-8e6d-5c4b3a291807',
  /** Well-formed, never issued: what a 404 example names. */
  unknown: '3b0c2f8e-5f1a-4c7e-9d7a-1e2f3a4b5c6d',
} as const;
