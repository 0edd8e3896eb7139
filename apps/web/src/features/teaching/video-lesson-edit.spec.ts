import { describe, expect, it } from '@jest/globals';
import {
  byTime,
  changeVideoQuestionKind,
  formatClock,
  newVideoQuestion,
  parseClock,
  shouldRetryUpload,
  tusErrorCode,
  uploadPercent,
} from './video-lesson-edit';

const response = (status: number, body: string) => ({
  originalResponse: { getStatus: () => status, getBody: () => body },
});

describe('video lesson editing', () => {
  it('reads times as teachers type them and writes them back the same way', () => {
    expect(parseClock('1:05')).toBe(65);
    expect(parseClock(' 0:27,5 ')).toBe(27.5);
    expect(parseClock('1:02:03')).toBe(3723);
    expect(parseClock('65')).toBe(65);
    for (const bad of ['', '1:75', '1:60:00', 'abc', '-3', '1::2']) expect(parseClock(bad)).toBeNaN();
    expect(formatClock(65)).toBe('1:05');
    expect(formatClock(27.5)).toBe('0:27.5');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(parseClock(formatClock(27.5))).toBe(27.5);
  });

  it('keeps questions in time order, stable for equal times', () => {
    const a = { ...newVideoQuestion(30, ['vi']), id: 'a' };
    const b = { ...newVideoQuestion(10, ['vi']), id: 'b' };
    const c = { ...newVideoQuestion(30, ['vi']), id: 'c' };
    expect(byTime([a, b, c]).map((q) => q.id)).toEqual(['b', 'a', 'c']);
  });

  it('changes a question’s kind keeping its texts; a single choice keeps one right option', () => {
    const q = newVideoQuestion(12, ['vi', 'en']);
    const multiple = changeVideoQuestionKind(q, 'multiple', ['vi', 'en']);
    if (multiple.type !== 'multiple') throw new Error('expected multiple');
    const both = { ...multiple, options: multiple.options.map((o) => ({ ...o, correct: true })) };
    const single = changeVideoQuestionKind(both, 'single', ['vi', 'en']);
    expect(single.type === 'single' && single.options.map((o) => o.correct)).toEqual([true, false]);
    const tf = changeVideoQuestionKind(single, 'truefalse', ['vi']);
    expect(tf).toMatchObject({ id: q.id, at: 12, type: 'truefalse', answer: true, prompt: q.prompt });
    const back = changeVideoQuestionKind(tf, 'single', ['vi']);
    expect(back.type === 'single' && back.options).toHaveLength(2);
  });

  it('shows upload progress in whole percent, 100 only at the last byte', () => {
    expect(uploadPercent(0, 0)).toBe(0);
    expect(uploadPercent(999, 1000)).toBe(99);
    expect(uploadPercent(1000, 1000)).toBe(100);
    expect(uploadPercent(333, 1000)).toBe(33);
  });

  it('reads the api’s refusal from a tus error and retries only what a retry can fix', () => {
    expect(tusErrorCode(response(400, '{"statusCode":400,"code":"VIDEO_NO_AUDIO"}'))).toBe('VIDEO_NO_AUDIO');
    expect(tusErrorCode(new Error('network'))).toBe('NETWORK_ERROR');
    expect(tusErrorCode(response(502, '<html>'))).toBe('INTERNAL_ERROR');
    expect(shouldRetryUpload(new Error('socket hang up'))).toBe(true);
    expect(shouldRetryUpload(response(503, ''))).toBe(true);
    expect(shouldRetryUpload(response(409, ''))).toBe(true);
    expect(shouldRetryUpload(response(400, '{"code":"VIDEO_CORRUPT"}'))).toBe(false);
    expect(shouldRetryUpload(response(403, '{"code":"VIDEO_UPLOAD_NOT_YOURS"}'))).toBe(false);
  });
});
