/** What other features may use of the assessment (quiz) context: the lesson player shows a quiz lesson with it. */
export { QuizLesson } from './quiz-lesson';
/** One choice question as a fieldset (the video player's pinned questions use it too). */
export { QuestionField } from './question-field';
