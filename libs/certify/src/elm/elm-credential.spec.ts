import { DomainError } from '@balanse/contracts';
import {
  elmCredential,
  pseudonymousRecipientHash,
  type ElmAwardInput,
  type ElmOutcome,
} from './elm-credential';
import { edcSchemaErrors } from './elm-schema.testing';
import officialExample from './fixtures/edc-example-digicomp-generic.json';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ESCO = 'http://data.europa.eu/esco/skill/';

/** A standard of 19 outcomes, like the seeded one; the first two carry ESCO skills. */
const OUTCOMES: ElmOutcome[] = Array.from({ length: 19 }, (_, i) => ({
  id: uuid(i + 1),
  url: `https://balanse.example/api/v1/outcomes/${uuid(i + 1)}`,
  statement: { nb: `Kandidaten kan utføre oppgave ${i + 1} på en trygg måte`, en: `The candidate can carry out task ${i + 1} safely` }, // prettier-ignore
  escoSkills:
    i === 0
      ? [{ uri: `${ESCO}c624c6a3-b0ba-4a31-a296-0d433fe47e41`, label: { nb: 'tenke kreativt', en: 'think creatively' } }] // prettier-ignore
      : i === 1
        ? [{ uri: `${ESCO}60c78287-22eb-4103-9c8c-28deaa460da0` }]
        : undefined,
}));

const RECIPIENT = pseudonymousRecipientHash('salt-of-the-tenant', uuid(500));

function award(overrides: Partial<ElmAwardInput> = {}): ElmAwardInput {
  return {
    credentialId: uuid(100),
    issuedAt: new Date('2026-01-15T10:00:00Z'),
    kind: 'full',
    issuerId: 'did:web:balanse.example',
    awardingBody: {
      id: 'https://opplaering.example.no',
      name: { nb: 'Opplæringskontoret for helsefag', en: 'The Training Office for Health Care' },
      homepage: 'https://opplaering.example.no',
      organisationNumber: '987654321',
    },
    recipientHash: RECIPIENT,
    standard: {
      id: uuid(200),
      url: `https://balanse.example/api/v1/standards/${uuid(200)}`,
      title: { nb: 'Helsefagarbeider', en: 'Health care worker' },
      version: '2.1',
      nkrLevel: 4,
      outcomes: OUTCOMES,
      formalEducation: {
        programme: { nb: 'Vg3 helsearbeiderfaget', en: 'Upper secondary: health work' },
        programmeCode: 'HEA3X-',
        credits: 30,
      },
    },
    metOutcomeIds: OUTCOMES.map((o) => o.id),
    ...overrides,
  };
}

const PARTIAL_MET = [OUTCOMES[0].id, OUTCOMES[4].id];
const partial = (overrides: Partial<ElmAwardInput> = {}) =>
  award({
    kind: 'partial',
    metOutcomeIds: PARTIAL_MET,
    trainingPlan: { nb: 'Tre måneder praksis i sykehjem', en: 'Three months of practice in a nursing home' }, // prettier-ignore
    ...overrides,
  });

// The credential is a plain JSON tree; tests read it loosely.
const subjectOf = (credential: any) => credential.credentialSubject;
const achievementOf = (credential: any) => subjectOf(credential).hasClaim[0];

describe('the EDC schema copy', () => {
  it('accepts an official EDC example (the validator is set up right)', () => {
    expect(edcSchemaErrors(officialExample)).toEqual([]);
  });

  it('refuses a credential without its required parts', () => {
    const { displayParameter: _, ...withoutDisplay } = elmCredential(award());
    expect(edcSchemaErrors(withoutDisplay).length).toBeGreaterThan(0);
  });

  it('refuses a property in the wrong class deep in the claim (EQF level on a mere specification)', () => {
    const credential: any = elmCredential(partial());
    achievementOf(credential).specifiedBy.eqfLevel = { id: 'http://data.europa.eu/snb/eqf/4' };
    expect(edcSchemaErrors(credential).length).toBeGreaterThan(0);
  });
});

describe('a certified award as an ELM credential', () => {
  const credential: any = elmCredential(award());

  it('validates against the EDC schema', () => {
    expect(edcSchemaErrors(credential)).toEqual([]);
  });

  it('is a EuropeanDigitalCredential in the ELM JSON-LD context, issued by the DID', () => {
    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'http://data.europa.eu/snb/model/context/edc-ap',
    ]);
    expect(credential.type).toEqual([
      'VerifiableCredential',
      'VerifiableAttestation',
      'EuropeanDigitalCredential',
    ]);
    expect(credential).toMatchObject({
      id: `urn:uuid:${uuid(100)}`,
      issuer: 'did:web:balanse.example',
      issued: '2026-01-15T10:00:00.000Z',
      validFrom: '2026-01-15T10:00:00.000Z',
    });
  });

  it('claims a LearningAchievement specified by the standard as a Qualification with every outcome', () => {
    const achievement = achievementOf(credential);
    expect(achievement.type).toBe('LearningAchievement');
    expect(achievement.title).toEqual({ nb: 'Helsefagarbeider', en: 'Health care worker' });
    const spec = achievement.specifiedBy;
    expect(spec.type).toBe('Qualification');
    expect(spec.identifier).toMatchObject({ notation: uuid(200), schemeVersion: '2.1' });
    expect(spec.learningOutcome).toHaveLength(19);
    expect(spec.learningOutcome[3]).toMatchObject({
      id: OUTCOMES[3].url,
      type: 'LearningOutcome',
      title: OUTCOMES[3].statement,
    });
  });

  it('keeps bokmål and English as language maps', () => {
    const outcome = achievementOf(credential).specifiedBy.learningOutcome[0];
    expect(outcome.title).toEqual({
      nb: 'Kandidaten kan utføre oppgave 1 på en trygg måte',
      en: 'The candidate can carry out task 1 safely',
    });
    expect(credential.displayParameter.title).toEqual({ nb: 'Helsefagarbeider', en: 'Health care worker' }); // prettier-ignore
    expect(credential.displayParameter.primaryLanguage.id).toBe(
      'http://publications.europa.eu/resource/authority/language/NOB',
    );
  });

  it('gives the EQF level as the EU vocabulary URI and the NKR level beside it', () => {
    const spec = achievementOf(credential).specifiedBy;
    expect(spec.eqfLevel).toMatchObject({
      id: 'http://data.europa.eu/snb/eqf/4',
      type: 'Concept',
      inScheme: { id: 'http://data.europa.eu/snb/eqf/25831c2' },
    });
    expect(spec.nqfLevel[0]).toMatchObject({ notation: 'NKR 4' });
  });

  it('links ESCO skills to the outcomes that carry them, and only those', () => {
    const outcomes = achievementOf(credential).specifiedBy.learningOutcome;
    expect(outcomes[0].relatedESCOSkill).toEqual([
      {
        id: `${ESCO}c624c6a3-b0ba-4a31-a296-0d433fe47e41`,
        type: 'Concept',
        inScheme: { id: 'http://data.europa.eu/esco/concept-scheme/skills', type: 'ConceptScheme' },
        prefLabel: { nb: 'tenke kreativt', en: 'think creatively' },
        notation: 'Skill',
      },
    ]);
    expect(outcomes[1].relatedESCOSkill[0].id).toBe(`${ESCO}60c78287-22eb-4103-9c8c-28deaa460da0`);
    expect(outcomes[2].relatedESCOSkill).toBeUndefined();
  });

  it('gives the ECTS credits on the qualification and as received, and the programme', () => {
    const achievement = achievementOf(credential);
    const ects = {
      type: 'CreditPoint',
      framework: expect.objectContaining({ id: 'http://data.europa.eu/snb/education-credit/6fcec5c5af' }), // prettier-ignore
      point: '30',
    };
    expect(achievement.specifiedBy.creditPoint).toEqual([ects]);
    expect(achievement.creditReceived).toEqual([ects]);
    expect(achievement.specifiedBy.qualificationCode[0]).toMatchObject({ notation: 'HEA3X-' });
    expect(achievement.specifiedBy.additionalNote[0].noteLiteral.nb).toContain('Vg3 helsearbeiderfaget'); // prettier-ignore
  });

  it('names the awarding body with its organisation number in Norway', () => {
    const [body] = achievementOf(credential).awardedBy.awardingBody;
    expect(body).toMatchObject({
      id: 'https://opplaering.example.no',
      type: 'Organisation',
      legalName: { nb: 'Opplæringskontoret for helsefag', en: 'The Training Office for Health Care' }, // prettier-ignore
      registration: { notation: '987654321', schemeName: 'Enhetsregisteret' },
    });
    expect(body.location[0].address[0].countryCode.id).toBe(
      'http://publications.europa.eu/resource/authority/country/NOR',
    );
    expect(achievementOf(credential).awardedBy.awardingDate).toBe('2026-01-15T10:00:00.000Z');
  });

  it('knows the recipient only by a pseudonymous hash: no name, e-mail or birth date', () => {
    const subject = subjectOf(credential);
    expect(Object.keys(subject).sort()).toEqual(['hasClaim', 'id', 'type']);
    expect(subject).toMatchObject({
      type: 'Person',
      id: `urn:balanse:recipient:sha256:${RECIPIENT}`,
    });
    expect(RECIPIENT).toMatch(/^[0-9a-f]{64}$/);
    expect(pseudonymousRecipientHash('another-salt', uuid(500))).not.toBe(RECIPIENT);
  });

  it('validates without credits, programme, NKR level, ESCO skills or English', () => {
    const bare = elmCredential(
      award({
        standard: {
          id: uuid(201),
          title: { nb: 'Bransjestandard for lager' },
          version: '1',
          outcomes: OUTCOMES.map(({ id, statement }) => ({ id, statement: { nb: statement.nb } })),
        },
        awardingBody: { id: 'https://lager.example.no', name: { nb: 'Lagerbransjen' } },
      }),
    ) as any;
    expect(edcSchemaErrors(bare)).toEqual([]);
    const spec = achievementOf(bare).specifiedBy;
    expect(spec.type).toBe('LearningAchievementSpecification');
    expect(spec.eqfLevel).toBeUndefined();
    expect(spec.creditPoint).toBeUndefined();
    expect(bare.displayParameter.language).toHaveLength(1);
  });

  it('carries a rendering for the Europass display when given one', () => {
    const withImage = elmCredential(
      award({ rendering: { contentType: 'image/png', base64: 'iVBORw0KGgo=' } }),
    ) as any;
    expect(edcSchemaErrors(withImage)).toEqual([]);
    const [detail] = withImage.displayParameter.individualDisplay[0].displayDetail;
    expect(detail).toMatchObject({ page: 1, image: { content: 'iVBORw0KGgo=' } });
  });
});

describe('a partial award (kompetansebevis) as an ELM credential', () => {
  const credential: any = elmCredential(partial());

  it('validates against the EDC schema', () => {
    expect(edcSchemaErrors(credential)).toEqual([]);
  });

  it('is specified by the outcomes met, as part of the whole standard', () => {
    const achievement = achievementOf(credential);
    expect(achievement.title).toEqual({
      nb: 'Kompetansebevis: Helsefagarbeider',
      en: 'Partial certificate: Health care worker',
    });
    const spec = achievement.specifiedBy;
    expect(spec.type).toBe('LearningAchievementSpecification');
    expect(spec.learningOutcome.map((o: any) => o.identifier.notation)).toEqual(PARTIAL_MET);
    expect(spec.educationLevel[0].id).toBe('http://data.europa.eu/snb/eqf/4');
    expect(spec.isPartOf[0]).toMatchObject({ type: 'Qualification', eqfLevel: { id: 'http://data.europa.eu/snb/eqf/4' } }); // prettier-ignore
    expect(spec.isPartOf[0].learningOutcome).toHaveLength(19);
  });

  it('lists the outcomes not yet met, in both languages, and the training plan', () => {
    const [notYet, plan] = achievementOf(credential).additionalNote;
    expect(notYet.subject.prefLabel.en).toBe('Learning outcomes not yet met');
    expect(notYet.noteLiteral.nb.split('\n')).toHaveLength(1 + 17);
    expect(notYet.noteLiteral.nb).toContain('oppgave 2 ');
    expect(notYet.noteLiteral.nb).not.toContain('oppgave 1 ');
    expect(notYet.noteLiteral.en).toContain('task 19 safely');
    expect(plan.noteLiteral).toEqual({
      nb: 'Tre måneder praksis i sykehjem',
      en: 'Three months of practice in a nursing home',
    });
  });

  it('receives no credits (the standard carries them, the part does not)', () => {
    const achievement = achievementOf(credential);
    expect(achievement.creditReceived).toBeUndefined();
    expect(achievement.specifiedBy.isPartOf[0].creditPoint[0].point).toBe('30');
  });
});

describe('an award the mapping refuses', () => {
  const refusal = (input: ElmAwardInput) => {
    try {
      elmCredential(input);
    } catch (e) {
      return e as DomainError;
    }
    throw new Error('expected a refusal');
  };

  it('names each failing field', () => {
    const error = refusal(
      partial({
        recipientHash: 'ola.nordmann@example.no',
        metOutcomeIds: [OUTCOMES[0].id, uuid(999)],
        standard: { ...award().standard, nkrLevel: 9 },
      }),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields?.map((f) => f.field)).toEqual([
      'recipientHash',
      'standard.nkrLevel',
      'metOutcomeIds.1',
    ]);
  });

  it('refuses a full award that does not meet every outcome, and a non-ESCO skill URI', () => {
    const standard = award().standard;
    const outcomes = [{ ...OUTCOMES[0], escoSkills: [{ uri: 'https://example.org/skill/1' }] }];
    const error = refusal(
      award({
        metOutcomeIds: [OUTCOMES[0].id],
        standard: { ...standard, outcomes: [...outcomes, ...OUTCOMES.slice(1)] },
      }),
    );
    expect(error.fields?.map((f) => f.field)).toEqual([
      'metOutcomeIds',
      'standard.outcomes.0.escoSkills.0.uri',
    ]);
  });
});
