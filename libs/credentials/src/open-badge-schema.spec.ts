import { obSchemaErrors } from '../test/ob-schema';
import { createWorld, issue, issueLegacy } from './credentials.spec-helper';

describe('the official OB 3.0 AchievementCredential JSON Schema (1EdTech, ajv draft 2019-09)', () => {
  it('accepts the credential as we sign it: one credentialStatus object, proof an array', async () => {
    const signed = await issue(await createWorld());
    expect(obSchemaErrors(signed)).toEqual([]);
    expect(Array.isArray(signed.proof)).toBe(true);
    expect(Array.isArray(signed.credentialStatus)).toBe(false);
  });

  it('accepts the credential with a validUntil and evidence too', async () => {
    const signed = await issue(await createWorld(), {
      validUntil: new Date('2030-01-01T00:00:00Z'),
      evidence: [
        {
          id: 'https://hocvuso.example.vn/evidence/1',
          name: 'Bài kiểm tra cuối khóa',
          narrative: 'Đạt 8/8.',
        },
      ],
    });
    expect(obSchemaErrors(signed)).toEqual([]);
  });

  it('refuses the shape we used to issue (status array, proof object): the schema is really applied', async () => {
    const legacy = await issueLegacy(await createWorld());
    const errors = obSchemaErrors(legacy);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/credentialStatus: must be object/),
        expect.stringMatching(/^\/proof: must be array/),
      ]),
    );
  });

  it('refuses hostile variants of a good credential', async () => {
    const signed = (await issue(await createWorld())) as unknown as Record<string, unknown>;
    const broken: Array<Record<string, unknown>> = [
      { ...signed, type: ['VerifiableCredential'] },
      {
        ...signed,
        '@context': [
          'https://www.w3.org/2018/credentials/v1',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
      },
      { ...signed, validFrom: 'yesterday' },
      { ...signed, credentialSubject: { ...(signed.credentialSubject as object), type: ['Person'] } },
      (({ validFrom: _drop, ...rest }) => rest)(signed),
    ];
    for (const doc of broken) expect(obSchemaErrors(doc).length).toBeGreaterThan(0);
  });
});
