import { foldForSearch, SEARCH_FOLD_TRANSLATION } from './normalize';

/** What the database computes: translate(), then runs of anything but [a-z0-9] to one space. */
function foldLikeSql(value: string): string {
  const { from, to } = SEARCH_FOLD_TRANSLATION;
  const map = new Map([...from].map((ch, i) => [ch, to[i]!]));
  return [...value]
    .map((ch) => map.get(ch) ?? ch)
    .join('')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const VIETNAMESE_LETTERS = 'aàáạảãâầấậẩẫăằắặẳẵeèéẹẻẽêềếệểễiìíịỉĩoòóọỏõôồốộổỗơờớợởỡuùúụủũưừứựửữyỳýỵỷỹđ';

describe('SEARCH_FOLD_TRANSLATION', () => {
  it('has one target letter for each source letter', () => {
    expect([...SEARCH_FOLD_TRANSLATION.from]).toHaveLength([...SEARCH_FOLD_TRANSLATION.to].length);
  });

  it('folds every Vietnamese letter, lower and upper case, exactly as foldForSearch does', () => {
    for (const ch of [...VIETNAMESE_LETTERS, ...VIETNAMESE_LETTERS.toUpperCase()]) {
      expect([ch, foldLikeSql(ch)]).toEqual([ch, foldForSearch(ch)]);
    }
  });

  it('folds organisation names the way search terms are folded', () => {
    for (const name of [
      'Uỷ ban nhân dân Xã Mẫu Một (minh hoạ)',
      'Ủy ban nhân dân Phường Đống Đa',
      'Trường THPT Phường Mẫu Hai',
      'HỢP TÁC XÃ NÔNG NGHIỆP "Quyết Thắng" – 50%',
    ]) {
      expect(foldLikeSql(name.normalize('NFC'))).toBe(foldForSearch(name));
    }
  });
});
