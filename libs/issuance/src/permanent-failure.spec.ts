import { DomainError, ValidationError } from '@hocvuso/domain';
import { IssuanceDataError, permanentFailureCode } from './issue-certificate';

describe('permanentFailureCode: which issuance errors end in the failed state', () => {
  it('treats what retrying cannot fix as permanent, with its stable code', () => {
    expect(
      permanentFailureCode(
        new ValidationError('CREDENTIAL_INPUT_INVALID', 'The recipient name cannot be printed'),
      ),
    ).toBe('CREDENTIAL_INPUT_INVALID');
    expect(
      permanentFailureCode(new DomainError('ISSUER_KEY_UNREADABLE', 'unavailable', 'wrong passphrase')),
    ).toBe('ISSUER_KEY_UNREADABLE');
    expect(permanentFailureCode(new IssuanceDataError('CERTIFICATE_COURSE_VERSION_GONE', 'gone'))).toBe(
      'CERTIFICATE_COURSE_VERSION_GONE',
    );
  });

  it('treats outages as transient: full or read-only disks, database and network errors, unavailable services', () => {
    const io = (code: string) => Object.assign(new Error(`${code}: write failed`), { code });
    for (const code of [
      'ENOSPC',
      'EROFS',
      'EACCES',
      'ENOTDIR',
      'ECONNREFUSED',
      'ETIMEDOUT',
      '57P01',
      '53300',
    ])
      expect(permanentFailureCode(io(code))).toBeUndefined();
    expect(
      permanentFailureCode(new DomainError('DATABASE_UNAVAILABLE', 'unavailable', 'down')),
    ).toBeUndefined();
    expect(
      permanentFailureCode(new DomainError('RATE_LIMITED', 'rate_limited', 'slow down')),
    ).toBeUndefined();
    expect(permanentFailureCode('a string thrown')).toBeUndefined();
    expect(permanentFailureCode(undefined)).toBeUndefined();
  });
});
