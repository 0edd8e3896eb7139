import {
  assemblePersonalDataExport,
  PERSONAL_DATA_KEYS,
  type PersonalDataSections,
} from './personal-data-export';

/** Stand-in values: the assembler only places keys, it never reads them. */
const valueOf = (key: string) => ({ of: key }) as unknown;
const partWith = (...keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, valueOf(k)])) as Partial<PersonalDataSections>;

describe('the personal data export assembled from sections', () => {
  const at = new Date('2026-12-05T06:00:00.000Z');

  it('puts format and time first, then every key in the format’s order, whatever the sections’ order', () => {
    const parts = [
      partWith('sessions', 'linkedProviders'),
      partWith('certificates'),
      partWith('account'),
      {},
      partWith('notifications', 'notificationPreferences'),
      partWith('quizAttempts', 'placementAttempts'),
      partWith('offlineEvents', 'offlineDownloads'),
      partWith('enrolments', 'lessonProgress', 'videoProgress', 'videoQuestionAnswers'),
      partWith('roles'),
      partWith('profile', 'consents'),
      partWith(
        'inPersonLearning',
        'coverageFacts',
        'universalisationConfirmations',
        'digitalIdentityDeclarations',
      ),
    ];
    const doc = assemblePersonalDataExport(at, parts);
    expect(Object.keys(doc)).toEqual(['format', 'generatedAt', ...PERSONAL_DATA_KEYS]);
    expect(doc.format).toBe('hocvuso-personal-data/1');
    expect(doc.generatedAt).toBe('2026-12-05T06:00:00.000Z');
    expect(doc.sessions).toEqual({ of: 'sessions' });
  });

  it('refuses a key no section gives, a key two sections give, and a key the format does not know', () => {
    const all = partWith(...PERSONAL_DATA_KEYS);
    const { sessions: _dropped, ...withoutSessions } = all;
    expect(() => assemblePersonalDataExport(at, [withoutSessions])).toThrow(
      'No privacy section exports "sessions".',
    );
    expect(() => assemblePersonalDataExport(at, [all, partWith('roles')])).toThrow(
      'Two privacy sections export "roles".',
    );
    expect(() => assemblePersonalDataExport(at, [all, partWith('invitations')])).toThrow(
      'Privacy sections export unknown keys: invitations.',
    );
  });

  it('keeps a null section value (no profile, preferences never changed) as null', () => {
    const doc = assemblePersonalDataExport(at, [{ ...partWith(...PERSONAL_DATA_KEYS), profile: null }]);
    expect(doc.profile).toBeNull();
    expect(Object.keys(doc)).toContain('profile');
  });
});
