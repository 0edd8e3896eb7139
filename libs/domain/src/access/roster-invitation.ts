import { type MessageLanguage, localize, type LocalizedText } from '../catalog';
import { emailHtml, type RenderedEmail } from '../notifications/reminder-templates';

/** Where a person reads and answers their invitations. */
export const INVITATIONS_PAGE = '/me/invitations';

/**
 * What a roster does with a row whose e-mail or phone belongs to an existing account. A roster never places
 * or enrols an existing account: it is `matched` (nothing to do: already placed there and enrolled in every
 * course) or `invited` (an invitation waits for the person, who alone may accept it).
 */
export function existingAccountOutcome(row: {
  placedHere: boolean;
  newCourseIds: readonly string[];
}): 'matched' | 'invited' {
  return row.placedHere && row.newCourseIds.length === 0 ? 'matched' : 'invited';
}

const list = (titles: LocalizedText[], language: MessageLanguage) =>
  titles.map((t) => `“${localize(t, language)}”`).join(', ');

const WORDS = {
  vi: {
    title: 'Lời mời tham gia học từ cơ quan, đơn vị',
    body: (place: string, courses: string) =>
      courses
        ? `${place} mời bạn tham gia và học ${courses}. Bạn quyết định: chỉ khi bạn đồng ý, bạn mới được xếp vào đơn vị này và ghi danh vào khóa học.`
        : `${place} mời bạn tham gia. Bạn quyết định: chỉ khi bạn đồng ý, bạn mới được xếp vào đơn vị này.`,
    subject: 'Lời mời tham gia học trên Học vụ số',
    greeting: (n: string) => `Xin chào ${n},`,
    next: 'Mở trang “Lời mời” trong tài khoản của bạn để đồng ý hoặc từ chối. Nếu bạn không nhận ra đơn vị này, hãy từ chối: không có gì thay đổi.',
    action: 'Xem lời mời',
    why: 'Thư này không chứa mật khẩu hay mã đăng nhập. Hãy đăng nhập như thường lệ.',
  },
  en: {
    title: 'An invitation to learn from an agency or unit',
    body: (place: string, courses: string) =>
      courses
        ? `${place} invites you to join and take ${courses}. It is your choice: only if you accept are you placed in this unit and enrolled.`
        : `${place} invites you to join. It is your choice: only if you accept are you placed in this unit.`,
    subject: 'An invitation to learn on Học vụ số',
    greeting: (n: string) => `Hello ${n},`,
    next: 'Open "Invitations" in your account to accept or decline. If you do not recognise this unit, decline: nothing changes.',
    action: 'See the invitation',
    why: 'This e-mail holds no password and no sign-in code. Sign in as usual.',
  },
} satisfies Record<MessageLanguage, unknown>;

export interface RosterInvitationVars {
  /** The unit or organisation that invites, by name. */
  placeName: string;
  courseTitles: LocalizedText[];
}

/** The in-app notice of a roster invitation, in both languages; it links to the invitations page. */
export function rosterInvitationNotification(vars: RosterInvitationVars): {
  title: LocalizedText & { en: string };
  body: LocalizedText & { en: string };
  link: string;
} {
  return {
    title: { vi: WORDS.vi.title.normalize('NFC'), en: WORDS.en.title },
    body: {
      vi: WORDS.vi.body(vars.placeName, list(vars.courseTitles, 'vi')).normalize('NFC'),
      en: WORDS.en.body(vars.placeName, list(vars.courseTitles, 'en')).normalize('NFC'),
    },
    link: INVITATIONS_PAGE,
  };
}

/**
 * The e-mail of a roster invitation to an existing account: no token, no code, only a link to the page
 * where the signed-in person answers it.
 */
export function rosterInvitationToExistingEmail(
  language: MessageLanguage,
  vars: RosterInvitationVars & { displayName: string; pageUrl: string },
): RenderedEmail {
  const w = WORDS[language];
  const lead = w.body(vars.placeName, list(vars.courseTitles, language));
  const text = [w.greeting(vars.displayName), '', lead, w.next, '', vars.pageUrl, '', '—', w.why, ''].join(
    '\n',
  );
  return {
    language,
    subject: w.subject.normalize('NFC'),
    text: text.normalize('NFC'),
    html: emailHtml({
      language,
      title: w.subject,
      paragraphs: [w.greeting(vars.displayName), lead, w.next],
      action: { href: vars.pageUrl, label: w.action },
      footer: w.why,
    }),
  };
}
