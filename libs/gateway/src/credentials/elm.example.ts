import { EXAMPLE_IDS as ID } from '@balanse/contracts';

/** A shortened ELM 3.2 credential, as `GET /credentials/{id}/elm` answers it (OpenAPI example). */
export const ELM_EXAMPLE = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'http://data.europa.eu/snb/model/context/edc-ap',
  ],
  id: `urn:uuid:${ID.credential}`,
  type: ['VerifiableCredential', 'VerifiableAttestation', 'EuropeanDigitalCredential'],
  issuer: 'did:web:balanse.example.no',
  issued: '2025-03-04T13:05:00.412Z',
  validFrom: '2025-03-04T13:05:00.412Z',
  credentialSubject: {
    id: 'urn:balanse:recipient:sha256:9f2c…',
    type: 'Person',
    hasClaim: [
      {
        id: `urn:uuid:${ID.credential}#achievement`,
        type: 'LearningAchievement',
        title: {
          nb: 'Kompetansebevis: Avdelingsleder',
          en: 'Partial certificate: Department leader',
        },
        awardedBy: {
          type: 'AwardingProcess',
          awardingBody: [
            {
              id: 'https://solsiden.example.no',
              type: 'Organisation',
              legalName: { nb: 'Solsiden sykehjem' },
            },
          ],
          awardingDate: '2025-03-04T13:05:00.412Z',
        },
        specifiedBy: {
          type: 'LearningAchievementSpecification',
          learningOutcome: [
            {
              id: `https://balanse.example.no/api/v1/outcomes/${ID.standard}/1/${ID.outcome}`,
              type: 'LearningOutcome',
              title: { nb: 'Leder og motiverer medarbeidere', en: 'Leads and motivates staff' },
            },
          ],
        },
      },
    ],
  },
};
