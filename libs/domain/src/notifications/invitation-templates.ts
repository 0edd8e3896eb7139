import { type MessageLanguage, localize, type LocalizedText } from '../catalog';
import { emailHtml, type RenderedEmail } from './reminder-templates';

export interface InvitationVars {
  displayName: string;
  /** The courses the roster enrolled the person in. */
  courseTitles: LocalizedText[];
  /** `${PUBLIC_URL}/reset-password?token=…`: sets the first password, once. */
  link: string;
  validDays: number;
}

const list = (titles: LocalizedText[], language: MessageLanguage) =>
  titles.map((t) => `“${localize(t, language)}”`).join(', ');

const INVITATION = {
  vi: {
    subject: 'Mời bạn học trên Học vụ số',
    greeting: (n: string) => `Xin chào ${n},`,
    lead: (courses: string) =>
      `Cơ quan, đơn vị của bạn đã tạo cho bạn một tài khoản Học vụ số và ghi danh bạn vào khóa học ${courses}.`,
    next: (days: number) =>
      `Hãy mở liên kết dưới đây để chọn mật khẩu và bắt đầu học. Liên kết dùng được một lần, trong vòng ${days} ngày. Sau đó bạn đăng nhập bằng địa chỉ e-mail này và mật khẩu bạn đã chọn.`,
    action: 'Chọn mật khẩu và bắt đầu học',
    why: 'Nếu bạn không mong đợi thư này, hãy bỏ qua: không ai dùng được tài khoản khi chưa có mật khẩu.',
  },
  en: {
    subject: 'You are invited to learn on Học vụ số',
    greeting: (n: string) => `Hello ${n},`,
    lead: (courses: string) =>
      `Your agency or unit created a Học vụ số account for you and enrolled you in ${courses}.`,
    next: (days: number) =>
      `Open the link below to choose a password and start learning. It works once, within ${days} days. Then sign in with this e-mail address and the password you chose.`,
    action: 'Choose a password and start',
    why: 'If you did not expect this e-mail, ignore it: nobody can use the account before a password is chosen.',
  },
} satisfies Record<MessageLanguage, unknown>;

/**
 * The invitation e-mail of an account a roster upload created: what it is for, the courses, and the single-use
 * link that sets the first password. Plain text and simple HTML with the same words, in the person's language.
 */
export function rosterInvitationEmail(language: MessageLanguage, vars: InvitationVars): RenderedEmail {
  const w = INVITATION[language];
  const courses = list(vars.courseTitles, language);
  const text = [
    w.greeting(vars.displayName),
    '',
    w.lead(courses),
    w.next(vars.validDays),
    '',
    vars.link,
    '',
    '—',
    w.why,
    '',
  ].join('\n');
  const html = emailHtml({
    language,
    title: w.subject,
    paragraphs: [w.greeting(vars.displayName), w.lead(courses), w.next(vars.validDays)],
    action: { href: vars.link, label: w.action },
    footer: w.why,
  });
  return {
    language,
    subject: w.subject.normalize('NFC'),
    text: text.normalize('NFC'),
    html,
  };
}

/**
 * The in-app notification of an existing learner whom a roster enrolled in new courses, in both languages
 * (the inbox shows the reader's). It links to the learner's courses.
 */
export function rosterEnrolmentNotification(courseTitles: LocalizedText[]): {
  title: LocalizedText & { en: string };
  body: LocalizedText & { en: string };
  link: string;
} {
  const n = courseTitles.length;
  return {
    title: {
      vi: (n === 1
        ? 'Bạn được ghi danh vào một khóa học mới'
        : `Bạn được ghi danh vào ${n} khóa học mới`
      ).normalize('NFC'),
      en: (n === 1 ? 'You were enrolled in a new course' : `You were enrolled in ${n} new courses`).normalize(
        'NFC',
      ),
    },
    body: {
      vi: `Cơ quan, đơn vị của bạn đã ghi danh bạn vào ${list(courseTitles, 'vi')}. Mở “Học của tôi” để bắt đầu.`.normalize(
        'NFC',
      ),
      en: `Your agency or unit enrolled you in ${list(courseTitles, 'en')}. Open “My learning” to start.`.normalize(
        'NFC',
      ),
    },
    link: '/me/learning',
  };
}

/**
 * The in-app notice a person gets when a community helper or administrator issued them a new one-time sign-in
 * code: a record they can see, and a warning if it was not them who asked. `recovery` when the account had a
 * password, which the code replaces.
 */
export function signInCodeIssuedNotification(recovery: boolean): {
  title: LocalizedText & { en: string };
  body: LocalizedText & { en: string };
  link: string;
} {
  const vi = recovery
    ? 'Cán bộ hỗ trợ đã cấp cho bạn một mã đăng nhập mới. Khi mã được dùng, mật khẩu cũ hết hiệu lực và bạn đặt mật khẩu mới.'
    : 'Cán bộ hỗ trợ đã cấp cho bạn một mã đăng nhập mới; mã cũ, nếu có, không dùng được nữa.';
  const en = recovery
    ? 'A helper issued you a new sign-in code. When it is used, your old password stops working and you choose a new one.'
    : 'A helper issued you a new sign-in code; any earlier code no longer works.';
  return {
    title: {
      vi: 'Tài khoản của bạn có mã đăng nhập mới'.normalize('NFC'),
      en: 'Your account has a new sign-in code',
    },
    body: {
      vi: `${vi} Nếu bạn không yêu cầu, hãy báo ngay cho Ủy ban nhân dân xã, phường nơi bạn ở.`.normalize(
        'NFC',
      ),
      en: `${en} If you did not ask for it, tell your commune or ward office at once.`,
    },
    link: '/me/sessions',
  };
}
