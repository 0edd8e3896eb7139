import { Writable } from 'node:stream';
import pino from 'pino';
import { createLogger } from './logger';

/** Captures what a logger writes, as parsed JSON lines. */
function capture(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  const logger = createLogger(level, stream as unknown as pino.DestinationStream);
  return { logger, lines };
}

describe('structured logs', () => {
  it('never write passwords, tokens, contacts or cookies', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        body: {
          password: 'mat-khau-bi-mat',
          token: 'abc123',
          email: 'hoa@example.com',
          phone: '+84912345678',
          identifier: '0912345678',
        },
        req: {
          id: 'r1',
          method: 'POST',
          url: '/api/auth/sign-in?next=/secret',
          headers: { cookie: 'hvs_session=s3cr3t', authorization: 'Bearer t' },
        },
      },
      'sign-in',
    );
    const text = JSON.stringify(lines);
    for (const secret of [
      'mat-khau-bi-mat',
      'abc123',
      'hoa@example.com',
      '+84912345678',
      '0912345678',
      's3cr3t',
      'Bearer t',
      'next=/secret',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'sign-in',
      service: 'api',
      req: { id: 'r1', method: 'POST', path: '/api/auth/sign-in' },
    });
  });
});
