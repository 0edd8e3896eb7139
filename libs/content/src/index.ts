export { loadContent, type LoadResult } from './load-content';
export { ContentValidationError, formatIssues, type ContentIssue } from './issues';
export {
  buildStudioCourse,
  materialIdOf,
  materialSource,
  narrationIdOf,
  narrationSource,
  type StudioBuild,
  type StudioNarrationRef,
  type StudioMaterialRef,
  studioBank,
  studioVideoPath,
  type StudioVideoRef,
} from './studio-course';
export * from './course-files';
export { LANGUAGES_FILE, languagesFileSchema, readLanguagesFile } from './languages';
