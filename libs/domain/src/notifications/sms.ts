import { ValidationError } from '../errors';

/**
 * Text messages (docs/mandates.md, "SMS"). Every SMS is sent as UCS-2 (SMPP data_coding 8): Vietnamese needs
 * it (ă, ơ, ư, ạ… are not in GSM 03.38). One UCS-2 SMS carries 70 UTF-16 code units; a longer text is split
 * into parts of 67 (6 bytes go to the concatenation header, UDH IE 0x00: reference, total, sequence) and the
 * phone joins them again. A part never ends between the two halves of a surrogate pair.
 */

/** UTF-16 code units in one UCS-2 SMS, and in each part of a concatenated one. */
export const SMS_SINGLE_UNITS = 70;
export const SMS_PART_UNITS = 67;
/** More parts than this and the text is cut (and ends with "…"): a notice is never a letter. */
export const SMS_MAX_PARTS = 4;

/** The text split into SMS parts (one part when it fits in 70 code units). NFC first. */
export function splitSmsText(input: string): string[] {
  let text = input.normalize('NFC');
  if (text.length <= SMS_SINGLE_UNITS) return [text];
  const max = SMS_PART_UNITS * SMS_MAX_PARTS;
  if (text.length > max) {
    let cut = max - 1;
    if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
    text = `${text.slice(0, cut)}…`;
  }
  const parts: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(at + SMS_PART_UNITS, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    parts.push(text.slice(at, end));
    at = end;
  }
  return parts;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * The destination address of an SMS: the E.164 number without "+" (SMPP TON 1 international, NPI 1 E.164),
 * e.g. +84912345678 → 84912345678. Phones are stored in E.164 (normalizeVietnamesePhone); anything else is
 * refused rather than sent to a wrong number.
 */
export function smsDestination(e164: string): string {
  if (!/^\+[1-9]\d{6,14}$/.test(e164))
    throw new ValidationError('INVALID_PHONE', 'An SMS goes only to a number in international format.');
  return e164.slice(1);
}

/** The concatenation header (UDH) of part `seq` (1-based) of `total`, under the 8-bit reference `ref`. */
export function smsConcatHeader(ref: number, total: number, seq: number): number[] {
  return [0x05, 0x00, 0x03, ref & 0xff, total, seq];
}
