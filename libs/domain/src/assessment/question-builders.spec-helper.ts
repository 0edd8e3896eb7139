import type { ChoiceQuestion, OrderingQuestion, TrueFalseQuestion } from './question-bank';

// Builders for bank questions in specs; each spec builds its own questions with these and overrides what
// it cares about. Texts deliberately avoid the words the learner-view spec searches for.

const text = (vi: string, en: string) => ({ vi, en });

/** A single-choice question: options a, b, c, d; `a` is right unless overridden. */
export function singleQuestion(overrides: Partial<ChoiceQuestion> = {}): ChoiceQuestion {
  return {
    id: 'q-single',
    type: 'single',
    competency: 'tt02-2025:4.1',
    prompt: text('Mật khẩu nào mạnh nhất?', 'Which password is strongest?'),
    options: [
      { id: 'a', text: text('k7#Lp9!qZ2', 'k7#Lp9!qZ2'), correct: true },
      { id: 'b', text: text('123456', '123456'), correct: false },
      { id: 'c', text: text('matkhau', 'password1') },
      { id: 'd', text: text('ngày sinh', 'birthday') },
    ],
    explanation: text('Mật khẩu dài, trộn ký tự.', 'Long, mixed characters.'),
    ...overrides,
  };
}

/** A multiple-choice question: options a..e; a, b and c are right unless overridden. */
export function multipleQuestion(overrides: Partial<ChoiceQuestion> = {}): ChoiceQuestion {
  return {
    id: 'q-multiple',
    type: 'multiple',
    competency: 'tt02-2025:4.2',
    prompt: text('Dấu hiệu lừa đảo?', 'Signs of a scam?'),
    options: [
      { id: 'a', text: text('Hối thúc', 'Urgency'), correct: true },
      { id: 'b', text: text('Xin mã OTP', 'Asks for an OTP'), correct: true },
      { id: 'c', text: text('Đường dẫn lạ', 'Odd link'), correct: true },
      { id: 'd', text: text('Tên ngân hàng đúng', 'Real bank name'), correct: false },
      { id: 'e', text: text('Giờ hành chính', 'Office hours') },
    ],
    explanation: text('Ba dấu hiệu đầu.', 'The first three.'),
    ...overrides,
  };
}

/** A true/false question whose statement is true unless overridden. */
export function trueFalseQuestion(overrides: Partial<TrueFalseQuestion> = {}): TrueFalseQuestion {
  return {
    id: 'q-truefalse',
    type: 'truefalse',
    competency: 'tt02-2025:4.3',
    prompt: text('Không chia sẻ mã OTP.', 'Never share an OTP.'),
    answer: true,
    explanation: text('Ngân hàng không bao giờ hỏi.', 'Banks never ask.'),
    ...overrides,
  };
}

/** An ordering question with items a, b, c, d listed in the right order unless overridden. */
export function orderingQuestion(overrides: Partial<OrderingQuestion> = {}): OrderingQuestion {
  return {
    id: 'q-ordering',
    type: 'ordering',
    competency: 'tt02-2025:5.1',
    prompt: text('Sắp xếp các bước.', 'Put the steps in order.'),
    items: [
      { id: 'a', text: text('Mở ứng dụng', 'Open the app') },
      { id: 'b', text: text('Đăng nhập', 'Sign in') },
      { id: 'c', text: text('Chọn dịch vụ', 'Pick a service') },
      { id: 'd', text: text('Gửi hồ sơ', 'Submit') },
    ],
    explanation: text('Theo thứ tự trên.', 'In that order.'),
    ...overrides,
  };
}
