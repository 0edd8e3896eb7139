export { loadContent, type LoadResult } from './load-content';
export { ContentValidationError, formatIssues, type ContentIssue } from './issues';
export { renderMarkdown } from './markdown';
export { canonicalJson, contentHash } from './hash';
export { assembleCourse, hashLesson, type CompetencyIndex, type CourseParts } from './assemble-course';
export { buildStudioCourse, type DraftProblem, type StudioBuild } from './studio-course';
