import { z } from 'zod';
import {
  displayNameText,
  identifierText,
  isoDateTime,
  isoDateTimeString,
  optionalUuid,
  queryFlag,
  queryList,
  safeText,
} from './common';

describe('safeText', () => {
  const title = safeText({ min: 1, max: 20 });
  const body = safeText({ max: 200, multiline: true });

  it('stores NFC and trimmed', () => {
    expect(title.parse('  Hồng '.normalize('NFD'))).toBe('Hồng'.normalize('NFC'));
  });

  it('refuses NUL, escapes, line breaks, bidi and zero-width characters in single-line text, naming the field', () => {
    const schema = z.strictObject({ title });
    for (const bad of ['a\u0000b', 'a\u001b[31mb', 'a\nb', 'a\u202Eb', 'a\u200Bb', 'a\u0085b']) {
      const r = schema.safeParse({ title: bad });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.path).toEqual(['title']);
      expect(r.error!.issues[0]!.message).toMatch(/must not contain/);
    }
  });

  it('lets multi-line text keep line feeds (CR LF folded) but nothing else invisible', () => {
    expect(body.parse('Một\r\nHai\n\tBa')).toBe('Một\nHai\n\tBa');
    expect(body.safeParse('Một\u0000').success).toBe(false);
    expect(body.safeParse('Một\u2066x').success).toBe(false);
  });
});

describe('displayNameText', () => {
  it('accepts Vietnamese typed decomposed and gives it back composed', () => {
    expect(displayNameText().parse('Nguyễn Thị Hồng'.normalize('NFD'))).toBe(
      'Nguyễn Thị Hồng'.normalize('NFC'),
    );
  });

  it('refuses ANSI, RTL overrides and line breaks with a message about the name', () => {
    for (const bad of ['\u001b[31mA', 'A \u202Eb', 'A\nB', '']) {
      const r = displayNameText().safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.message).toMatch(/name/i);
    }
  });
});

describe('identifierText', () => {
  it('refuses invisible characters in an e-mail or phone', () => {
    expect(identifierText(3, 254).safeParse('an\u200Bna@example.com').success).toBe(false);
    expect(identifierText(3, 254).parse(' anna@example.com ')).toBe('anna@example.com');
  });
});

describe('isoDateTime', () => {
  it('gives a Date for an ISO date-time with offset in the years 1900..9999', () => {
    expect(isoDateTime().parse('2026-11-05T08:00:00+07:00').toISOString()).toBe('2026-11-05T01:00:00.000Z');
    expect(isoDateTimeString().parse('2026-11-05T08:00:00Z')).toBe('2026-11-05T08:00:00Z');
  });

  it.each([
    '0001-01-01T00:00:00Z',
    '1899-12-31T23:00:00Z',
    '-271821-04-20T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '99999-01-01T00:00:00Z',
    'yesterday',
    '2026-13-01T00:00:00Z',
    '1e20',
    '',
  ])('refuses %j', (value) => {
    expect(isoDateTime().safeParse(value).success).toBe(false);
    expect(isoDateTimeString().safeParse(value).success).toBe(false);
  });
});

describe('optionalUuid', () => {
  const schema = z.strictObject({ parent: optionalUuid() });
  it('treats an empty value as absent and refuses anything else that is not a uuid', () => {
    expect(schema.parse({ parent: '' })).toEqual({ parent: undefined });
    expect(schema.parse({})).toEqual({});
    expect(schema.parse({ parent: '6f1c0a4e-8a53-4f3e-9d57-3c1f0e9b2a10' }).parent).toBe(
      '6f1c0a4e-8a53-4f3e-9d57-3c1f0e9b2a10',
    );
    expect(schema.safeParse({ parent: 'x' }).success).toBe(false);
    expect(schema.safeParse({ parent: ['a', 'b'] }).success).toBe(false);
  });
});

describe('queryList', () => {
  const courses = queryList(z.string().regex(/^[a-z0-9-]+$/), 3);
  it('accepts repeated keys, comma lists and both, dropping blanks', () => {
    expect(courses.parse(undefined)).toEqual([]);
    expect(courses.parse('a,b')).toEqual(['a', 'b']);
    expect(courses.parse(['a', 'b,c'])).toEqual(['a', 'b', 'c']);
    expect(courses.parse(' a , ,')).toEqual(['a']);
  });

  it('checks every item and the count', () => {
    expect(courses.safeParse(['a', 'B!']).success).toBe(false);
    expect(courses.safeParse('a,b,c,d').success).toBe(false);
    expect(courses.safeParse([1]).success).toBe(false);
  });
});

describe('queryFlag', () => {
  it('reads true/false and refuses anything else, including a repeated key', () => {
    expect(queryFlag().parse(undefined)).toBe(false);
    expect(queryFlag().parse('true')).toBe(true);
    expect(queryFlag().parse('0')).toBe(false);
    expect(queryFlag().safeParse(['true', 'false']).success).toBe(false);
    expect(queryFlag().safeParse('yes').success).toBe(false);
  });
});
