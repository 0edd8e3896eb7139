import { describe, expect, it } from '@jest/globals';
import type { DigitalIdentity } from '@hocvuso/contracts';
import {
  changesDeclarations,
  declarationState,
  digitalIdentityForm,
  digitalIdentityProblems,
  toDigitalIdentityInput,
  withdrawal,
} from './digital-identity';

const at = '2026-12-01T03:00:00.000Z';
const never: DigitalIdentity = { vneidLevel2: null, bankAccount: null };
const declared: DigitalIdentity = {
  vneidLevel2: { value: true, source: 'self', at, confirmedBy: null },
  bankAccount: { value: false, source: 'self', at, confirmedBy: null },
};

describe('digital identity declarations', () => {
  it('asks both questions of someone who never answered, and sends both booleans once answered', () => {
    const form = digitalIdentityForm(never);
    expect(form).toEqual({ vneidLevel2: '', bankAccount: '' });
    expect(digitalIdentityProblems(form)).toEqual([
      ['vneidLevel2', 'answerRequired'],
      ['bankAccount', 'answerRequired'],
    ]);
    expect(digitalIdentityProblems({ vneidLevel2: 'yes', bankAccount: '' })).toEqual([
      ['bankAccount', 'answerRequired'],
    ]);
    expect(toDigitalIdentityInput({ vneidLevel2: 'yes', bankAccount: 'no' })).toEqual({
      vneidLevel2: true,
      bankAccount: false,
    });
  });

  it('says who stands behind each answer: the person or a helper face to face', () => {
    expect(declarationState(null)).toBe('none');
    expect(declarationState(declared.vneidLevel2)).toBe('selfYes');
    expect(declarationState(declared.bankAccount)).toBe('selfNo');
    expect(declarationState({ value: true, source: 'helper', at, confirmedBy: 'Trần Văn Hỗ Trợ' })).toBe(
      'helperYes',
    );
    expect(declarationState({ value: false, source: 'helper', at, confirmedBy: 'Trần Văn Hỗ Trợ' })).toBe(
      'helperNo',
    );
  });

  it('knows when saving would change nothing', () => {
    expect(changesDeclarations(digitalIdentityForm(declared), declared)).toBe(false);
    expect(changesDeclarations({ vneidLevel2: 'yes', bankAccount: 'yes' }, declared)).toBe(true);
  });

  it('withdraws only a "yes" the person declared, keeping the other answer as it is', () => {
    expect(withdrawal(declared, 'vneidLevel2')).toEqual({ vneidLevel2: false, bankAccount: false });
    expect(withdrawal(declared, 'bankAccount')).toBeUndefined();
    const confirmed: DigitalIdentity = {
      vneidLevel2: { value: true, source: 'helper', at, confirmedBy: 'Trần Văn Hỗ Trợ' },
      bankAccount: { value: true, source: 'self', at, confirmedBy: null },
    };
    expect(withdrawal(confirmed, 'vneidLevel2')).toBeUndefined();
    expect(withdrawal(confirmed, 'bankAccount')).toEqual({ vneidLevel2: true, bankAccount: false });
    expect(withdrawal(never, 'vneidLevel2')).toBeUndefined();
  });
});
