import { masteredCompetencies } from './placement-path';

describe('masteredCompetencies: a competency is mastered when every item of it is right', () => {
  it('all items of a competency right masters it; one wrong item of two does not', () => {
    expect(
      masteredCompetencies([
        { competency: 'tt02-2025:4.2', correct: true },
        { competency: 'tt02-2025:1.2', correct: true },
        { competency: 'tt02-2025:4.2', correct: true },
        { competency: 'tt02-2025:1.2', correct: false },
      ]),
    ).toEqual(['tt02-2025:4.2']);
  });

  it('a wrong item before a right one still breaks mastery (order does not matter)', () => {
    expect(
      masteredCompetencies([
        { competency: 'tt02-2025:2.3', correct: false },
        { competency: 'tt02-2025:2.3', correct: true },
      ]),
    ).toEqual([]);
  });

  it('keeps the order competencies first appear in, each once', () => {
    expect(
      masteredCompetencies([
        { competency: 'b:1', correct: true },
        { competency: 'a:1', correct: true },
        { competency: 'b:1', correct: true },
      ]),
    ).toEqual(['b:1', 'a:1']);
  });

  it('no items master nothing', () => {
    expect(masteredCompetencies([])).toEqual([]);
  });
});
