import { QueryFailedError } from 'typeorm';
import pino from 'pino';
import { Writable } from 'node:stream';
import { databaseUnavailable } from './database-unavailable';
import { toErrorReply } from './error-response';

const pgError = (code: string, message = 'x') =>
  Object.assign(new Error(message), { code, severity: 'ERROR' });

describe('databaseUnavailable', () => {
  it.each([
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      'connection',
    ],
    ['connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'connection'],
    ['admin shutdown', pgError('57P01', 'terminating connection due to administrator command'), 'connection'],
    ['cannot connect now', pgError('57P03', 'the database system is starting up'), 'connection'],
    ['connection exception class 08', pgError('08006'), 'connection'],
    ['pool acquire timeout', new Error('timeout exceeded when trying to connect'), 'busy'],
    ['lock timeout', pgError('55P03', 'canceling statement due to lock timeout'), 'busy'],
    ['statement timeout', pgError('57014', 'canceling statement due to statement timeout'), 'busy'],
    ['connection terminated', new Error('Connection terminated unexpectedly'), 'connection'],
    ['wrapped by TypeORM', new QueryFailedError('SELECT 1', [], pgError('57P01')), 'connection'],
    [
      'an AggregateError of sockets',
      new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'connect failed'),
      'connection',
    ],
    ['a cause', new Error('outer', { cause: pgError('55P03') }), 'busy'],
  ])('recognises %s', (_what, error, reason) => {
    expect(databaseUnavailable(error)).toEqual(expect.objectContaining({ reason }));
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], pgError('23505', 'duplicate key'))],
    ['a syntax error', pgError('42601')],
    ['a plain bug', new TypeError('x.split is not a function')],
    ['nothing', undefined],
  ])('leaves %s alone', (_what, error) => {
    expect(databaseUnavailable(error)).toBeUndefined();
  });
});

describe('toErrorReply', () => {
  const logged: Array<{ level: number; msg: string }> = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _e, done) {
        logged.push(JSON.parse(chunk.toString('utf8')));
        done();
      },
    }),
  );

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After and logs one warning, no stack', () => {
    const { body, headers } = toErrorReply(pgError('57P01'), 'req-1', logger);
    expect(body).toEqual(
      expect.objectContaining({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', requestId: 'req-1' }),
    );
    expect(Number(headers['retry-after'])).toBeGreaterThan(0);
    expect(logged).toEqual([
      expect.objectContaining({ level: 40, msg: expect.stringContaining('database unavailable') }),
    ]);
    expect(JSON.stringify(logged)).not.toContain('stack');
  });

  it('still answers 500 INTERNAL_ERROR for a bug', () => {
    expect(toErrorReply(new TypeError('boom'), 'req-2', logger).body).toEqual(
      expect.objectContaining({ statusCode: 500, code: 'INTERNAL_ERROR' }),
    );
  });
});
