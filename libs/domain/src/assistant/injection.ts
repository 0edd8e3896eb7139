import { foldForSearch } from '../text/normalize';

/**
 * Instructions aimed at an assistant rather than at a learner, matched on the folded text (so accents, case and
 * punctuation do not hide them): "bỏ qua (mọi|các) hướng dẫn…", "ignore (all) previous instructions", a line
 * starting `system:` or `assistant:`, chat-template markers, "you are now…", "act as…", "reveal your prompt".
 * A passage holding one is never quoted or sent to a model; a question holding one is refused.
 */
const FOLDED_PATTERNS: readonly RegExp[] = [
  /\bbo qua (tat ca |moi |het |cac |nhung |toan bo )*(huong dan|chi dan|chi thi|lenh|quy tac|yeu cau)\b/,
  /\b(quen|phot lo|khong can tuan theo) (tat ca |moi |het |cac |nhung )*(huong dan|chi dan|chi thi|quy tac)\b/,
  /\b(ignore|disregard|forget|override|bypass) (all |any |the |your |every |of )*(previous|prior|above|earlier|preceding|system|original)?\s*(instructions?|prompts?|rules|directions|guidelines)\b/,
  /\byou are now\b/,
  /\b(ban|mi|may) (bay gio )?la (mot )?(tro ly|ai|chatbot|mo hinh) (khac|moi)\b/,
  /\bact as (an? )?(different|new|unrestricted|evil|jailbroken)\b/,
  /\b(reveal|print|show|repeat) (me )?(your|the) (system )?(prompt|instructions)\b/,
  /\b(tiet lo|in ra|hien thi) (loi nhac|huong dan) he thong\b/,
  /\bjailbreak\b/,
  /\bdeveloper mode\b/,
];
const RAW_PATTERNS: readonly RegExp[] = [
  /(^|\n|[.!?]\s*)\s*(system|assistant|developer|hệ thống)\s*:/iu,
  /<\|?(im_start|im_end|system|endoftext)\|?>/i,
  /\[\/?(INST|SYS)\]/,
  /<<\/?SYS>>/,
];

/** Whether the text carries instructions aimed at the assistant (see the patterns above). */
export function containsInjection(text: string): boolean {
  const nfc = text.normalize('NFC');
  if (RAW_PATTERNS.some((p) => p.test(nfc))) return true;
  const folded = foldForSearch(nfc);
  return FOLDED_PATTERNS.some((p) => p.test(folded));
}
