import { describe, expect, it } from '@jest/globals';
import { readPastedCredential, statusActions, VERDICT_LOOK } from './verdict';

describe('pasted credentials', () => {
  it('reads a JSON object, even with a byte-order mark and spaces around it', () => {
    expect(readPastedCredential('\uFEFF  {"id":"urn:uuid:1"} \n')).toEqual({
      ok: true,
      credential: { id: 'urn:uuid:1' },
    });
  });

  it('says why other text is not a credential', () => {
    expect(readPastedCredential('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(readPastedCredential('{"id": ')).toEqual({ ok: false, reason: 'not_json' });
    expect(readPastedCredential('[1, 2]')).toEqual({ ok: false, reason: 'not_object' });
    expect(readPastedCredential('"text"')).toEqual({ ok: false, reason: 'not_object' });
    expect(readPastedCredential('null')).toEqual({ ok: false, reason: 'not_object' });
  });
});

describe('verdicts', () => {
  it('gives only a valid certificate the success look', () => {
    const successes = Object.entries(VERDICT_LOOK).filter(([, look]) => look.tone === 'success');
    expect(successes.map(([verdict]) => verdict)).toEqual(['valid']);
  });

  it('offers no change for a revoked certificate and reinstatement only for a suspended one', () => {
    expect(statusActions('revoked')).toEqual([]);
    expect(statusActions('suspended')).toEqual(['reinstate', 'revoke']);
    expect(statusActions('ok')).toEqual(['revoke', 'suspend']);
  });
});
