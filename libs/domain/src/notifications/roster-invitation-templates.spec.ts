import { rosterEnrolmentNotification, rosterInvitationEmail } from './invitation-templates';

const COURSES = [
  { vi: 'Phòng chống lừa đảo trực tuyến', en: 'Staying safe from online scams' },
  { vi: 'Định danh điện tử VNeID' },
];
const LINK = 'https://hocvuso.example.vn/reset-password?token=abc_DEF-123';

describe('roster invitation e-mail', () => {
  it('greets in Vietnamese, names the courses, the link and how long it works', () => {
    const mail = rosterInvitationEmail('vi', {
      displayName: 'Nguyễn Thị Lan',
      courseTitles: COURSES,
      link: LINK,
      validDays: 14,
    });
    expect(mail.subject).toBe('Mời bạn học trên Học vụ số');
    expect(mail.text).toMatch(/^Xin chào Nguyễn Thị Lan,\n/);
    expect(mail.text).toContain('“Phòng chống lừa đảo trực tuyến”, “Định danh điện tử VNeID”');
    expect(mail.text).toContain('trong vòng 14 ngày');
    expect(mail.text).toContain(`\n${LINK}\n`);
    expect(mail.html).toContain(`href="${LINK}"`);
  });

  it('writes English for English readers, with the Vietnamese title where a course has no English one', () => {
    const mail = rosterInvitationEmail('en', {
      displayName: 'Anna',
      courseTitles: COURSES,
      link: LINK,
      validDays: 14,
    });
    expect(mail.subject).toBe('You are invited to learn on Học vụ số');
    expect(mail.text).toContain('“Staying safe from online scams”, “Định danh điện tử VNeID”');
    expect(mail.text).toContain('within 14 days');
  });

  it('escapes names in the HTML version', () => {
    const mail = rosterInvitationEmail('vi', {
      displayName: '<b>Lan</b> & "Hoa"',
      courseTitles: COURSES,
      link: LINK,
      validDays: 14,
    });
    expect(mail.html).toContain('&lt;b&gt;Lan&lt;/b&gt; &amp; &quot;Hoa&quot;');
    expect(mail.html).not.toContain('<b>Lan</b>');
  });
});

describe('roster enrolment notification', () => {
  it("says how many courses, in both languages, and links to the learner's courses", () => {
    const one = rosterEnrolmentNotification(COURSES.slice(0, 1));
    expect(one.title).toEqual({
      vi: 'Bạn được ghi danh vào một khóa học mới',
      en: 'You were enrolled in a new course',
    });
    expect(one.body.en).toContain('“Staying safe from online scams”');
    expect(one.link).toBe('/me/learning');
    const two = rosterEnrolmentNotification(COURSES);
    expect(two.title.en).toBe('You were enrolled in 2 new courses');
    expect(two.body.vi).toContain('“Phòng chống lừa đảo trực tuyến”, “Định danh điện tử VNeID”');
  });
});
