/** The small bilingual pages a person sees after clicking the unsubscribe link in a reminder e-mail. */

const page = (
  title: string,
  sections: Array<{ lang: 'vi' | 'en'; heading: string; text: string }>,
) => `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>
body{margin:0;padding:24px;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:18px;line-height:1.5;color:#1a1a1a;background:#fff}
main{max-width:40rem;margin:0 auto}
h1{font-size:1.5rem;margin:0 0 .5rem}
section+section{margin-top:2rem;padding-top:1.5rem;border-top:1px solid #ccc}
a{color:#0b5cad}
</style>
</head>
<body>
<main>
${sections.map((s) => `<section lang="${s.lang}">\n<h1>${s.heading}</h1>\n<p>${s.text}</p>\n</section>`).join('\n')}
<p><a href="/">Học vụ số</a></p>
</main>
</body>
</html>
`;

export const unsubscribedPage = () =>
  page('Đã ngừng nhận thư nhắc học · Unsubscribed', [
    {
      lang: 'vi',
      heading: 'Bạn đã ngừng nhận thư nhắc học',
      text: 'Học vụ số sẽ không gửi thư hay thông báo nhắc học cho bạn nữa. Bạn có thể bật lại trong phần cài đặt thông báo sau khi đăng nhập.',
    },
    {
      lang: 'en',
      heading: 'You have unsubscribed from learning reminders',
      text: 'Học vụ số will no longer send you reminder emails or notifications. You can turn them back on in your notification settings after signing in.',
    },
  ]);

export const invalidLinkPage = () =>
  page('Liên kết không hợp lệ · Invalid link', [
    {
      lang: 'vi',
      heading: 'Liên kết hủy đăng ký không hợp lệ',
      text: 'Liên kết này không đúng hoặc đã bị thay đổi. Hãy mở lại liên kết trong thư, hoặc đăng nhập và tắt nhắc học trong phần cài đặt thông báo.',
    },
    {
      lang: 'en',
      heading: 'This unsubscribe link is not valid',
      text: 'The link is wrong or was changed. Open the link in the email again, or sign in and turn reminders off in your notification settings.',
    },
  ]);
