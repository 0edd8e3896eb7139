export { loadContent, type LoadResult } from './load-content';
export { ContentValidationError, formatIssues, type ContentIssue } from './issues';
export { buildStudioCourse } from './studio-course';
export { loadIndicatorPlans, type IndicatorPlan } from './indicator-plans';
