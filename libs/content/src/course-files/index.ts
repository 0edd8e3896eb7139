export {
  COURSE_ZIP_LIMITS,
  type CourseZipLimits,
  readCourseZip,
  unsafePathReason,
  writeCourseZip,
} from './course-zip';
export {
  COURSE_TEXT_MAX_BYTES,
  type CourseFolder,
  type FolderProblem,
  LESSON_MEDIA_FIELDS,
  parseCourseFolder,
  serializeCourseFolder,
} from './course-folder';
export {
  type ConversionNote,
  type FolderVideo,
  type MediaIds,
  STUDIO_LESSON_KINDS,
  studioDraftFromFolder,
  studioDraftToFolder,
  type StudioMaterialFile,
  type StudioNarrationFile,
  type StudioVideoFile,
} from './studio-folder';
export { readCourseDirectory, writeCourseDirectory } from './course-directory';
export { forgeZip, type ForgedZipEntry } from './forge-zip';
