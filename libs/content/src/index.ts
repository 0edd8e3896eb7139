export { loadContent, type LoadResult } from './load-content';
export { ContentValidationError, formatIssues, type ContentIssue } from './issues';
export { buildStudioCourse, studioBank } from './studio-course';
export * from './course-files';
