import { invitationChannel } from './roster-invitations';

describe('how a roster row is invited', () => {
  const enrolled = ['online-scams'];

  it('e-mails a new account that has an address, hands a code to a new phone-only account', () => {
    expect(
      invitationChannel({ status: 'created', email: 'lan@example.com', newCourseIds: enrolled }, true),
    ).toBe('email');
    expect(invitationChannel({ status: 'created', email: null, newCourseIds: enrolled }, true)).toBe('code');
  });

  it('notifies an existing account in the app when it was newly enrolled, and only if it wants in-app notices', () => {
    expect(
      invitationChannel({ status: 'matched', email: 'an@example.com', newCourseIds: enrolled }, true),
    ).toBe('notification');
    expect(invitationChannel({ status: 'matched', email: null, newCourseIds: enrolled }, false)).toBe('none');
  });

  it('invites nobody twice: a row enrolled in nothing new (a re-upload) gets nothing', () => {
    expect(invitationChannel({ status: 'matched', email: 'lan@example.com', newCourseIds: [] }, true)).toBe(
      'none',
    );
    expect(invitationChannel({ status: 'created', email: null, newCourseIds: [] }, true)).toBe('none');
  });
});
