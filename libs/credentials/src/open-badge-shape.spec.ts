import { badgeInput, createWorld, DID, LEARNER_NAME } from './credentials.spec-helper';
import { displayNameProblem } from '@hocvuso/domain';
import { buildOpenBadgeCredential, recipientNameOf, type StatusEntryInput } from './open-badge';

describe('the Open Badges 3.0 credential we build', () => {
  it('is a VC 2.0 OpenBadgeCredential with an AchievementSubject and competence alignments', async () => {
    const credential = buildOpenBadgeCredential(badgeInput(await createWorld()));
    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.issuer).toEqual({
      id: DID,
      type: ['Profile'],
      name: 'Học vụ số',
      url: 'https://hocvuso.example.vn',
    });
    expect(credential.validFrom).toBe('2026-11-20T03:00:00Z');
    expect(credential).not.toHaveProperty('issuanceDate');
    expect(credential.name).toBe('Kỹ năng số cơ bản');
    expect(credential.credentialSubject).toMatchObject({
      id: 'urn:uuid:2b7e1c44-0f0e-4d55-b2b1-7a0c9e5d1f22',
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: LEARNER_NAME },
      ],
      achievement: {
        type: ['Achievement'],
        achievementType: 'CertificateOfCompletion',
        criteria: { narrative: 'Hoàn thành mọi bài học và đạt bài kiểm tra cuối khóa.' },
        inLanguage: 'vi',
        alignment: [
          {
            type: ['Alignment'],
            targetType: 'ceasn:Competency',
            targetFramework: 'DigComp 2.2',
            targetCode: '1.1',
            targetDescription: 'Mức thành thạo 2',
          },
          { targetCode: '4.2' },
        ],
      },
    });
    expect(credential.credentialSubject.achievement.alignment as object[]).not.toContainEqual(
      expect.objectContaining({ targetCode: '4.2', targetDescription: expect.anything() }),
    );
    expect(credential.credentialSubject).not.toHaveProperty('name');
  });

  it('writes status entries with the index as a string and the list URL plus index as id', async () => {
    const world = await createWorld();
    const single = buildOpenBadgeCredential(badgeInput(world));
    expect(single.credentialStatus).toEqual({
      id: 'https://hocvuso.example.vn/api/status-lists/revocation-1#4242',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '4242',
      statusListCredential: 'https://hocvuso.example.vn/api/status-lists/revocation-1',
    });
  });

  it('carries nothing about the learner but the pseudonymous id and the display name', async () => {
    const text = JSON.stringify(buildOpenBadgeCredential(badgeInput(await createWorld())));
    expect(text).not.toMatch(/mailto:|tel:|@(?!context)|\+84/);
  });

  it('refuses inputs that would leak contact details or be unverifiable', async () => {
    const world = await createWorld();
    const input = badgeInput(world);
    const revocation = input.status as StatusEntryInput;
    const code = expect.objectContaining({ code: 'CREDENTIAL_INPUT_INVALID' });
    expect(() => buildOpenBadgeCredential({ ...input, recipientName: '   ' })).toThrow(code);
    expect(() => buildOpenBadgeCredential({ ...input, recipientName: 'Hương\u001b[31m' })).toThrow(code);
    expect(() => buildOpenBadgeCredential({ ...input, recipientName: 'Hương\u202eabc' })).toThrow(code);
    expect(() => buildOpenBadgeCredential({ ...input, subjectId: 'mailto:huong@example.vn' })).toThrow(code);
    expect(() =>
      buildOpenBadgeCredential({ ...input, validUntil: new Date('2026-01-01T00:00:00Z') }),
    ).toThrow(code);
    expect(() =>
      buildOpenBadgeCredential({ ...input, status: { ...revocation, statusListIndex: 131_072 } }),
    ).toThrow(code);
    expect(() =>
      buildOpenBadgeCredential({ ...input, status: { ...revocation, statusPurpose: 'suspension' } }),
    ).toThrow(code);
  });

  it('prints every name sign-up accepts, even one with "@" or five digits in a row (one rule at both ends)', async () => {
    const input = badgeInput(await createWorld());
    for (const name of ['Hương @ Tổ 5', 'Nguyễn Văn A 12345', 'Lớp 10A1 - 2025']) {
      expect(displayNameProblem(name)).toBeUndefined();
      const vc = buildOpenBadgeCredential({ ...input, recipientName: name });
      expect(recipientNameOf(vc)).toBe(name.normalize('NFC'));
    }
  });

  it('accepts names with Vietnamese letters, spaces and hyphens', async () => {
    const input = badgeInput(await createWorld());
    for (const name of ['Lê Văn Tám', "H'Hen Niê", 'Trần Thị Mỹ-Linh', 'Đặng Ngọc Ánh']) {
      expect(() => buildOpenBadgeCredential({ ...input, recipientName: name })).not.toThrow();
    }
  });
});
