import { composeAnswer, isGrounded, isSupported, type AnswerPassage } from './answer';
import { cleanQuestion, MAX_QUESTION_CHARS } from './question';
import { rankPassages, type CorpusStats } from './ranking';
import { assistantTerms, passageSearchText } from './terms';
import { splitLesson, htmlToText } from './passages';

const lessons: AnswerPassage[] = [
  {
    courseId: 'cashless-payments',
    lessonId: 'l-otp',
    lessonKey: 'otp-and-smart-otp',
    title: 'OTP, Smart OTP và quy tắc không chia sẻ',
    heading: 'OTP là gì?',
    text: 'OTP là mã xác thực dùng một lần, chỉ có hiệu lực trong thời gian ngắn. Nhập mã OTP nghĩa là bạn đồng ý cho một giao dịch.\nKhông bao giờ đọc mã OTP cho bất kỳ ai.',
  },
  {
    courseId: 'smartphone-basics',
    lessonId: 'l-font',
    lessonKey: 'comfortable-settings',
    title: 'Chữ to, âm lượng và hỗ trợ tiếp cận',
    heading: 'Làm chữ to hơn',
    text: 'Mở Cài đặt (biểu tượng bánh răng). Tìm mục Màn hình hoặc Hiển thị. Kéo thanh trượt Cỡ chữ sang phải đến khi đọc dễ.',
  },
];

function ask(question: string) {
  const terms = assistantTerms(question);
  const candidates = lessons.map((item) => ({
    item,
    terms: assistantTerms(passageSearchText(item.title, item.heading, item.text)),
  }));
  const df: Record<string, number> = {};
  for (const c of candidates) for (const t of new Set(c.terms)) df[t] = (df[t] ?? 0) + 1;
  const stats: CorpusStats = {
    passages: candidates.length,
    averageLength: candidates.reduce((a, c) => a + c.terms.length, 0) / candidates.length,
    documentFrequency: df,
  };
  return composeAnswer(question, rankPassages(terms, candidates, stats));
}

describe('composeAnswer: quoting the lessons', () => {
  it('answers an unaccented question from the right lesson, every sentence copied from it', () => {
    const answer = ask('ma OTP la gi, co duoc doc cho nguoi khac khong?');
    expect(answer.fallback).toBeUndefined();
    expect(answer.citations[0]?.passage.lessonKey).toBe('otp-and-smart-otp');
    expect(answer.grounded).toBe(true);
    expect(isGrounded(answer.sentences, [lessons[0]!.text])).toBe(true);
  });

  it('sends an out-of-scope question to the help officer, citing nothing', () => {
    const answer = ask('Giá vàng hôm nay bao nhiêu?');
    expect(answer).toEqual({ grounded: false, sentences: [], citations: [], fallback: 'ASK_HELP_OFFICER' });
  });
});

describe('isGrounded and isSupported', () => {
  it('refuses a sentence the passages do not contain word for word', () => {
    expect(isGrounded(['OTP có thể đọc cho nhân viên ngân hàng.'], [lessons[0]!.text])).toBe(false);
    expect(isGrounded([], [lessons[0]!.text])).toBe(false);
  });

  it('accepts a rephrasing made of the passages words, not one that adds facts', () => {
    expect(isSupported('Mã OTP dùng một lần, đừng đọc cho ai.', [lessons[0]!.text])).toBe(true);
    expect(
      isSupported('Hãy gọi số 0999 888 777 của ngân hàng Z để lấy lại tiền ngay hôm nay.', [
        lessons[0]!.text,
      ]),
    ).toBe(false);
  });
});

describe('cleanQuestion', () => {
  it('removes NUL, zero-width and bidi characters, keeps NFC and caps the length', () => {
    const raw = `  Ma\u0000 O\u200BTP\u202E la gi? ${'Tiếng Việt'.normalize('NFD')}  `;
    expect(cleanQuestion(raw)).toBe(`Ma OTP la gi? ${'Tiếng Việt'.normalize('NFC')}`);
    expect([...cleanQuestion('ầ'.repeat(5000))]).toHaveLength(MAX_QUESTION_CHARS);
  });
});

describe('splitLesson', () => {
  it('splits sanitised HTML by heading and keeps each passage under the size', () => {
    const html = `<p>Mở đầu.</p><h2>Bước 1</h2><ul><li>Mở &amp; đọc</li><li>${'Câu dài. '.repeat(200)}</li></ul>`;
    const passages = splitLesson({ title: 'Bài', html }, 300);
    expect(passages[0]).toEqual({ heading: 'Bài', text: 'Mở đầu.' });
    expect(passages.slice(1).every((p) => p.heading === 'Bước 1' && p.text.length <= 300)).toBe(true);
    expect(htmlToText('<p>a &lt;b&gt; &#7889;</p>')).toBe('a <b> ố');
  });
});
