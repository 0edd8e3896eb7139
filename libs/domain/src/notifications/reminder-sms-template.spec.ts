import { splitSmsText, SMS_MAX_PARTS } from './sms';
import { reminderSms } from './reminder-templates';

const vars = {
  displayName: 'Nguyễn Thị Hương',
  courseTitle: { vi: 'Nhận diện lừa đảo trực tuyến', en: 'Spotting online scams' },
  days: 7,
};
const url = 'https://hocvuso.example.vn/courses/online-scams';

describe('the reminder SMS', () => {
  it('says what the in-app reminder says, in the learner’s language, with the link and without the name', () => {
    const vi = reminderSms('inactive', 'vi', vars, url);
    expect(vi).toBe(
      `Học vụ số: Đã 7 ngày bạn chưa học tiếp khóa học “Nhận diện lừa đảo trực tuyến”. Dành vài phút hôm nay để học tiếp nhé. ${url}`,
    );
    expect(vi).not.toContain('Hương');
    expect(reminderSms('deadline', 'en', { ...vars, days: 3 }, url)).toContain(
      '3 days are left to complete the required courses of “Spotting online scams”.',
    );
  });

  it('fits the concatenated SMS the gateway sends (at most four parts, the link whole)', () => {
    const text = reminderSms('inactive', 'vi', vars, url);
    const parts = splitSmsText(text);
    expect(parts.length).toBeLessThanOrEqual(SMS_MAX_PARTS);
    expect(parts.join('')).toBe(text);
  });
});
