import { emailHtml, type RenderedEmail } from '@hocvuso/domain';

/** The password-reset e-mail, in the reader's language. Plain text and a small HTML version with the same words. */
export type PasswordResetMail = Omit<RenderedEmail, 'language'>;

export function passwordResetMail(
  language: 'vi' | 'en',
  name: string,
  link: string,
  validMinutes: number,
): PasswordResetMail {
  const t =
    language === 'en'
      ? {
          subject: 'Reset your Học vụ số password',
          greeting: `Hello ${name},`,
          body: `Someone (hopefully you) asked to reset the password of your Học vụ số account. Open this link within ${validMinutes} minutes to choose a new one. It works once.`,
          action: 'Choose a new password',
          ignore: 'If you did not ask for this, ignore this e-mail: your password stays as it is.',
        }
      : {
          subject: 'Đặt lại mật khẩu Học vụ số',
          greeting: `Xin chào ${name},`,
          body: `Có người (hy vọng là bạn) vừa yêu cầu đặt lại mật khẩu tài khoản Học vụ số của bạn. Hãy mở liên kết dưới đây trong vòng ${validMinutes} phút để chọn mật khẩu mới. Liên kết chỉ dùng được một lần.`,
          action: 'Chọn mật khẩu mới',
          ignore: 'Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn vẫn giữ nguyên.',
        };
  const text = `${t.greeting}\n\n${t.body}\n\n${link}\n\n${t.ignore}\n`;
  const html = emailHtml({
    language,
    title: t.subject,
    paragraphs: [t.greeting, t.body],
    action: { href: link, label: t.action },
    footer: t.ignore,
  });
  return { subject: t.subject, text, html };
}
