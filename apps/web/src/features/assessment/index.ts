/** What other features may use of the assessment (quiz) context: the lesson player shows a quiz lesson with it. */
export { QuizLesson } from './quiz-lesson';
