export * from './answers';
export * from './attempt-layout';
export * from './grading';
export * from './learner-view';
export * from './question-bank';
export * from './seeded-random';
