/**
 * Personal data a question may carry, removed before anything leaves the platform (the optional model endpoint):
 * e-mail addresses, phone numbers (Vietnamese 0xxx / +84 / 84 numbers however spaced or dotted, and any other
 * run of 8+ digits), identity numbers (9-digit CMND, 12-digit CCCD, passport-like letter+digits), bank-card-like
 * digit groups. What is left is the question without them: with a placeholder saying what was there (what the
 * model reads), or without (what the search reads: a phone number is not a search term).
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+/gu;
const PASSPORT = /\b[A-Z]\d{7,8}\b/g;
/** Digits possibly separated by spaces, dots, dashes or parentheses, optionally after +: at least 8 digits. */
const DIGIT_RUN = /\+?\(?\d(?:[\d\s.\-()]{6,}\d)/g;

export function redactPersonalData(text: string, placeholders = true): string {
  const mark = (label: string) => (placeholders ? label : ' ');
  return text
    .replace(EMAIL, mark('[email]'))
    .replace(PASSPORT, mark('[số giấy tờ]'))
    .replace(DIGIT_RUN, (run) => {
      const digits = run.replace(/\D/g, '');
      if (digits.length < 8) return run;
      if (/^(0|84)\d{9}$/.test(digits)) return mark('[số điện thoại]');
      if (digits.length === 9 || digits.length === 12) return mark('[số giấy tờ]');
      return mark('[số]');
    });
}
