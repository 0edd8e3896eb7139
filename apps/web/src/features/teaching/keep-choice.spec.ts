import { describe, expect, it } from '@jest/globals';
import { optionsKeepingChoice } from './keep-choice';

const listed = [
  { value: '', label: '— Chưa chọn —' },
  { value: 'a', label: 'bai-1.mp4 (sẵn sàng)' },
];

describe('optionsKeepingChoice: a file chosen right after its upload stays shown while the list reloads', () => {
  it('adds the chosen file with a pending label when the list does not have it yet', () => {
    expect(optionsKeepingChoice(listed, 'new', 'huong-dan.pdf')).toEqual([
      ...listed,
      { value: 'new', label: 'huong-dan.pdf' },
    ]);
  });

  it('uses the listed label once the list has it, and adds nothing when nothing or a listed file is chosen', () => {
    expect(optionsKeepingChoice(listed, 'a', 'pending')).toEqual(listed);
    expect(optionsKeepingChoice(listed, null, 'pending')).toEqual(listed);
    expect(optionsKeepingChoice(listed, '', 'pending')).toEqual(listed);
  });
});
