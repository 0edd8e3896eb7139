import { messageLanguage, reminderEmail, reminderNotification } from './reminder-templates';

const vars = {
  displayName: 'Nguyễn Thị Hương',
  courseTitle: { vi: 'Nhận diện lừa đảo trực tuyến', en: 'Spotting online scams' },
  days: 7,
};
const links = {
  continueUrl: 'https://hocvuso.example.vn/courses/online-scams',
  unsubscribeUrl: 'https://hocvuso.example.vn/api/notifications/unsubscribe?token=abc.def',
};

describe('reminder templates', () => {
  it('writes to the learner in Vietnamese unless they chose English', () => {
    expect(messageLanguage('vi')).toBe('vi');
    expect(messageLanguage('en')).toBe('en');
    expect(messageLanguage(null)).toBe('vi');
    expect(messageLanguage('fr')).toBe('vi');
  });

  it('renders the Vietnamese e-mail with the course title, the continue link and the unsubscribe link', () => {
    const m = reminderEmail('inactive', 'vi', vars, links);
    expect(m.subject).toBe('Tiếp tục khóa học “Nhận diện lừa đảo trực tuyến”');
    expect(m.text).toContain('Chào Nguyễn Thị Hương,');
    expect(m.text).toContain('Đã 7 ngày bạn chưa học tiếp khóa học “Nhận diện lừa đảo trực tuyến”.');
    expect(m.text).toContain(`Học tiếp: ${links.continueUrl}`);
    expect(m.text).toContain(`Ngừng nhận thư nhắc học: ${links.unsubscribeUrl}`);
    expect(m.html).toContain('<html lang="vi">');
    expect(m.html).toContain(`href="${links.continueUrl}"`);
    expect(m.html).toContain('href="https://hocvuso.example.vn/api/notifications/unsubscribe?token=abc.def"');
    expect(m.text).toBe(m.text.normalize('NFC'));
  });

  it('renders the English e-mail with the English course title', () => {
    const m = reminderEmail('inactive', 'en', vars, links);
    expect(m.subject).toBe('Continue your course “Spotting online scams”');
    expect(m.text).toContain('It has been 7 days since you last studied “Spotting online scams”.');
    expect(m.text).toContain(`Stop these reminders: ${links.unsubscribeUrl}`);
    expect(m.html).toContain('<html lang="en">');
  });

  it('falls back to the Vietnamese course title when there is no English one', () => {
    const m = reminderEmail(
      'inactive',
      'en',
      { ...vars, courseTitle: { vi: 'Dùng điện thoại thông minh' } },
      links,
    );
    expect(m.subject).toBe('Continue your course “Dùng điện thoại thông minh”');
  });

  it('escapes names and titles in the HTML', () => {
    const m = reminderEmail('inactive', 'vi', { ...vars, displayName: '<b>Lan</b> & "Mai"' }, links);
    expect(m.html).toContain('&lt;b&gt;Lan&lt;/b&gt; &amp; &quot;Mai&quot;');
    expect(m.html).not.toContain('<b>Lan</b>');
  });

  it('stores the in-app notification in both languages', () => {
    const n = reminderNotification('inactive', vars);
    expect(n.title).toEqual({
      vi: 'Tiếp tục học “Nhận diện lừa đảo trực tuyến”',
      en: 'Continue “Spotting online scams”',
    });
    expect(n.body.vi).toContain('Đã 7 ngày');
    expect(n.body.en).toContain('7 days');
  });
});
