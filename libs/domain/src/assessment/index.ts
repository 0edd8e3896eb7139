export * from './answers';
export * from './attempt-layout';
export * from './grading';
export * from './learner-view';
export * from './question-bank';
export * from './seeded-random';
export * from './bank-balance';
export * from './retake-policy';
