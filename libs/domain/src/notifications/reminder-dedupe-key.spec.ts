import { inactivityReminder, reminderChannels, reminderDedupeKey } from './reminder-keys';

const USER = '2f1e4c9a-7b1d-4c2e-9a51-3d0c6f2b8e11';

describe('reminder dedupe keys', () => {
  it('has the shape reminder:<kind>:<user>:<subject>:<period>', () => {
    expect(
      reminderDedupeKey({ kind: 'inactive', userId: USER, subjectId: 'online-scams', period: '2026-W11' }),
    ).toBe(`reminder:inactive:${USER}:online-scams:2026-W11`);
  });

  it('gives the same key all week for an inactive course, and a new one the next week', () => {
    const monday = inactivityReminder(USER, 'online-scams', new Date('2026-03-09T03:00:00Z'));
    const sunday = inactivityReminder(USER, 'online-scams', new Date('2026-03-15T15:00:00Z'));
    const nextMonday = inactivityReminder(USER, 'online-scams', new Date('2026-03-16T03:00:00Z'));
    expect(monday.dedupeKey).toBe(sunday.dedupeKey);
    expect(monday.period).toBe('2026-W11');
    expect(nextMonday.dedupeKey).not.toBe(monday.dedupeKey);
  });
});

describe('reminder channels from preferences', () => {
  const all = { remindersEnabled: true, inAppEnabled: true, emailEnabled: true };
  it('sends in-app and e-mail by default', () => {
    expect(reminderChannels(all, true)).toEqual(['in_app', 'email']);
  });
  it('has no e-mail channel for a learner without an address (phone sign-up)', () => {
    expect(reminderChannels(all, false)).toEqual(['in_app']);
  });
  it('respects each switch', () => {
    expect(reminderChannels({ ...all, emailEnabled: false }, true)).toEqual(['in_app']);
    expect(reminderChannels({ ...all, inAppEnabled: false }, true)).toEqual(['email']);
    expect(reminderChannels({ ...all, remindersEnabled: false }, true)).toEqual([]);
  });
  it('texts a learner with only a confirmed phone, under the e-mail switch ("messages outside the app")', () => {
    expect(reminderChannels(all, false, true)).toEqual(['in_app', 'sms']);
    expect(reminderChannels({ ...all, emailEnabled: false }, false, true)).toEqual(['in_app']);
    expect(reminderChannels({ ...all, remindersEnabled: false }, false, true)).toEqual([]);
  });
  it('never texts an unconfirmed number, nor someone who has an e-mail address', () => {
    expect(reminderChannels(all, false, false)).toEqual(['in_app']);
    expect(reminderChannels(all, true, true)).toEqual(['in_app', 'email']);
  });
});
