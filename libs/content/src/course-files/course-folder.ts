import { isContentLanguage, smallRenditionKey, ValidationError } from '@hocvuso/domain';
import { isDocument, parseDocument, stringify, visit } from 'yaml';
import { byCodePoint } from './course-zip';

/**
 * One course folder of the content format (content/README.md) held in memory: course.yaml, the lesson files of
 * each language, the question banks and the media, by path. {@link serializeCourseFolder} writes it with stable
 * YAML (keys in the order given, no anchors, no folding) so equal folders give equal bytes;
 * {@link parseCourseFolder} reads a folder that came from outside (an uploaded archive, a course directory) and
 * refuses anything the format does not hold: files not referenced, unknown paths, text that is not UTF-8, huge
 * files, YAML aliases. It checks structure only; what the files say is checked by whoever turns them into a course.
 */
export interface LessonFile {
  lang: string;
  front: Record<string, unknown>;
  body: string;
}
export interface CourseFolder {
  course: Record<string, unknown>;
  /** In outline order; each with one file per course language, default language first. */
  lessons: Array<{ key: string; files: LessonFile[] }>;
  banks: Array<{ id: string; data: Record<string, unknown> }>;
  /** `media/<name>` → bytes. */
  media: Map<string, Buffer>;
}

/** The largest text file accepted: course.yaml, a lesson, a question bank. */
export const COURSE_TEXT_MAX_BYTES = { 'course.yaml': 256 * 1024, lesson: 512 * 1024, bank: 1024 * 1024 };

const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false, indent: 2 } as const;
export const yamlText = (value: unknown) => stringify(value, YAML_OPTIONS);

export function serializeCourseFolder(folder: CourseFolder): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  files.set('course.yaml', Buffer.from(yamlText(folder.course), 'utf8'));
  for (const lesson of folder.lessons)
    for (const f of lesson.files)
      files.set(
        `lessons/${lesson.key}.${f.lang}.md`,
        Buffer.from(`---\n${yamlText(f.front)}---\n${f.body}`, 'utf8'),
      );
  for (const bank of folder.banks)
    files.set(`quizzes/${bank.id}.yaml`, Buffer.from(yamlText(bank.data), 'utf8'));
  for (const [path, bytes] of folder.media) files.set(path, bytes);
  return new Map([...files.entries()].sort(([a], [b]) => byCodePoint(a, b)));
}

export interface FolderProblem {
  file: string;
  field: string;
  message: string;
}

/** Paths into media/ that a lesson's front matter names, by kind (a new media-bearing kind adds one line). */
export const LESSON_MEDIA_FIELDS: Record<string, (front: Record<string, unknown>) => unknown[]> = {
  video: (f) => {
    const v = (f.video ?? {}) as Record<string, unknown>;
    return [v.src, v.hls, v.poster, f.captions];
  },
  document: (f) => [((f.document ?? {}) as Record<string, unknown>).src],
};

/** The narration file a lesson file names (`audio: media/x.mp3` or `audio: { src }`), when it names one. */
export const lessonAudioSrc = (front: Record<string, unknown>): unknown =>
  isRecord(front.audio) ? front.audio.src : front.audio;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function nfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(nfc) as T;
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfc(v)])) as T;
  return value;
}

const fileError = (code: string, file: string, message: string) =>
  new ValidationError(code, `${file}: ${message}`, { entry: file });

function text(file: string, bytes: Buffer, max: number): string {
  if (bytes.length > max)
    throw fileError('COURSE_FILE_TOO_LARGE', file, `${bytes.length} bytes; at most ${max} are accepted.`);
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw fileError('COURSE_FILE_NOT_UTF8', file, 'the text is not valid UTF-8.');
  }
}

/** Parses YAML that came from outside: aliases are refused outright (the format never needs them). */
function yamlValue(file: string, source: string, problems: FolderProblem[], lineOffset = 0): unknown {
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: true });
  let alias = false;
  if (isDocument(doc))
    visit(doc, {
      Alias() {
        alias = true;
        return visit.BREAK;
      },
    });
  if (alias)
    throw fileError(
      'COURSE_FILE_YAML_ALIAS',
      file,
      'YAML anchors and aliases (*name) are not accepted; write each value out.',
    );
  if (doc.errors.length > 0) {
    for (const e of doc.errors)
      problems.push({
        file,
        field: e.linePos?.[0] ? `line ${e.linePos[0].line + lineOffset}` : '',
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
      });
    return undefined;
  }
  return nfc(doc.toJS({ maxAliasCount: 0 }));
}

function splitFrontMatter(source: string): { front: string; body: string } | undefined {
  const t = source.replace(/\r\n/g, '\n');
  if (!t.startsWith('---\n')) return undefined;
  const end = t.indexOf('\n---', 4);
  if (end < 0) return undefined;
  const after = t.indexOf('\n', end + 4);
  return { front: t.slice(4, end + 1), body: after < 0 ? '' : t.slice(after + 1) };
}

/**
 * A course folder from its files (paths relative to the folder). Hostile input is refused at once with a
 * stable code naming the file (COURSE_FILE_TOO_LARGE, COURSE_FILE_NOT_UTF8, COURSE_FILE_YAML_ALIAS); problems of
 * structure are gathered and refused together as COURSE_FILES_INVALID with `details.problems`.
 */
export function parseCourseFolder(files: ReadonlyMap<string, Buffer>): CourseFolder {
  const problems: FolderProblem[] = [];
  const used = new Set<string>();
  const take = (path: string) => {
    used.add(path);
    return files.get(path);
  };
  const courseBytes = take('course.yaml');
  if (!courseBytes) throw invalid([{ file: 'course.yaml', field: '', message: 'file is missing' }]);
  const course = yamlValue(
    'course.yaml',
    text('course.yaml', courseBytes, COURSE_TEXT_MAX_BYTES['course.yaml']),
    problems,
  );
  if (!isRecord(course)) {
    problems.push({ file: 'course.yaml', field: '', message: 'expected a mapping of fields' });
    throw invalid(problems);
  }
  const languages = Array.isArray(course.languages)
    ? course.languages.filter((l): l is string => isContentLanguage(l))
    : [];
  const defaultLanguage = typeof course.defaultLanguage === 'string' ? course.defaultLanguage : 'vi';
  if (languages.length === 0 || !languages.includes(defaultLanguage))
    problems.push({
      file: 'course.yaml',
      field: 'languages',
      message: `expected a list of languages including "${defaultLanguage}"`,
    });
  const langs = [defaultLanguage, ...languages.filter((l) => l !== defaultLanguage)];
  // Languages the course is translated into in part (docs/languages.md): their lesson files are optional.
  const partial = Array.isArray(course.partialLanguages)
    ? course.partialLanguages.filter((l): l is string => isContentLanguage(l) && !langs.includes(l))
    : [];
  const outline: string[] = [];
  if (!Array.isArray(course.modules))
    problems.push({ file: 'course.yaml', field: 'modules', message: 'expected a list of modules' });
  else
    course.modules.forEach((m, i) => {
      const keys = isRecord(m) && Array.isArray(m.lessons) ? m.lessons : undefined;
      if (!keys) problems.push({ file: 'course.yaml', field: `modules.${i}`, message: 'expected lessons' });
      keys?.forEach((k, j) => {
        if (typeof k !== 'string' || !SLUG.test(k) || k.length > 80)
          problems.push({
            file: 'course.yaml',
            field: `modules.${i}.lessons.${j}`,
            message: 'expected a lesson id',
          });
        else if (outline.includes(k))
          problems.push({
            file: 'course.yaml',
            field: `modules.${i}.lessons.${j}`,
            message: `"${k}" repeats`,
          });
        else outline.push(k);
      });
    });

  const mediaRefs: Array<{ file: string; field: string; ref: unknown }> = [];
  if (course.materials !== undefined) {
    if (!Array.isArray(course.materials))
      problems.push({ file: 'course.yaml', field: 'materials', message: 'expected a list' });
    else
      course.materials.forEach((m, i) =>
        mediaRefs.push({ file: 'course.yaml', field: `materials.${i}.src`, ref: isRecord(m) ? m.src : m }),
      );
  }

  const lessons: CourseFolder['lessons'] = [];
  const bankRefs = new Map<string, string>();
  for (const key of outline) {
    const lessonFiles: LessonFile[] = [];
    for (const lang of [...langs, ...partial]) {
      const file = `lessons/${key}.${lang}.md`;
      if (partial.includes(lang) && !files.has(file)) continue;
      const bytes = take(file);
      if (!bytes) {
        problems.push({ file, field: '', message: `file is missing (lesson "${key}" in ${lang})` });
        continue;
      }
      const split = splitFrontMatter(text(file, bytes, COURSE_TEXT_MAX_BYTES.lesson));
      if (!split) {
        problems.push({
          file,
          field: '',
          message: 'expected YAML front matter between --- lines at the top',
        });
        continue;
      }
      const front = yamlValue(file, split.front, problems, 1);
      if (!isRecord(front)) {
        if (front !== undefined) problems.push({ file, field: '', message: 'expected front matter fields' });
        continue;
      }
      if (front.id !== key)
        problems.push({ file, field: 'id', message: `expected "${key}" (the file name)` });
      const kind = lang === defaultLanguage ? front.kind : lessonFiles[0]?.front.kind;
      for (const ref of LESSON_MEDIA_FIELDS[String(kind)]?.(front) ?? [])
        if (ref !== undefined) mediaRefs.push({ file, field: 'media', ref });
      // Any lesson may carry its narration in each language (docs/read-aloud.md).
      const audio = lessonAudioSrc(front);
      if (audio !== undefined) mediaRefs.push({ file, field: 'audio', ref: audio });
      const quiz = front.quiz;
      if (isRecord(quiz) && typeof quiz.bank === 'string') bankRefs.set(quiz.bank, file);
      lessonFiles.push({ lang, front, body: split.body.normalize('NFC') });
    }
    lessons.push({ key, files: lessonFiles });
  }

  const banks: CourseFolder['banks'] = [];
  for (const [id, from] of [...bankRefs.entries()].sort(([a], [b]) => byCodePoint(a, b))) {
    const file = `quizzes/${id}.yaml`;
    const bytes = SLUG.test(id) ? take(file) : undefined;
    if (!bytes) {
      problems.push({ file: from, field: 'quiz.bank', message: `expected a question bank ${file}` });
      continue;
    }
    const data = yamlValue(file, text(file, bytes, COURSE_TEXT_MAX_BYTES.bank), problems);
    if (!isRecord(data)) {
      if (data !== undefined) problems.push({ file, field: '', message: 'expected a mapping of fields' });
      continue;
    }
    banks.push({ id, data });
  }

  const media = new Map<string, Buffer>();
  for (const { file, field, ref } of mediaRefs) {
    const path = typeof ref === 'string' ? ref : '';
    if (!/^media\/[^/]+$/.test(path) || !files.has(path)) {
      problems.push({
        file,
        field,
        message: `expected a file media/<name> in the course, not "${String(ref)}"`,
      });
      continue;
    }
    media.set(path, take(path)!);
    // The small copy the importer made beside an image (docs/low-data.md "Images") is not part of the format: it is
    // made again wherever the course is imported, so it is passed over, not refused and not carried.
    const small = smallRenditionKey(path);
    if (small && files.has(small)) used.add(small);
  }

  for (const path of [...files.keys()].sort(byCodePoint))
    if (!used.has(path))
      problems.push({
        file: path,
        field: '',
        message: path.startsWith('media/')
          ? 'not referenced by any lesson or by materials in course.yaml'
          : path.startsWith('lessons/') || path.startsWith('quizzes/')
            ? 'not part of the course outline (no module lists this lesson, no quiz uses this bank)'
            : 'not part of the course format (course.yaml, lessons/, quizzes/, media/)',
      });
  if (problems.length > 0) throw invalid(problems);
  return { course, lessons, banks, media: new Map([...media].sort(([a], [b]) => byCodePoint(a, b))) };
}

export const invalid = (problems: FolderProblem[]) =>
  new ValidationError(
    'COURSE_FILES_INVALID',
    `The course files have ${problems.length} problem(s); the first: ${problems[0]!.file}${problems[0]!.field ? ` (${problems[0]!.field})` : ''}: ${problems[0]!.message}`,
    { entry: problems[0]!.file, problems },
  );
