export { loadContent, type LoadResult } from './load-content';
export { ContentValidationError, formatIssues, type ContentIssue } from './issues';
export { renderMarkdown } from './markdown';
export { canonicalJson, contentHash } from './hash';
