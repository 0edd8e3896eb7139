import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  AUDIO_CONTAINERS,
  AUDIO_EXTENSIONS,
  AUDIO_MAX_BYTES,
  bankBalanceProblems,
  inspectAudio,
  type BankQuestion,
  configureLanguages,
  LANGUAGE_CODE_PATTERN,
  countWords,
  type CoveragePlanDefinition,
  type LocalizedText,
  minimumReadingSeconds,
  parseWebVtt,
  planProblems,
  videoQuestionProblems,
} from '@hocvuso/domain';
import type {
  ContentBundle,
  CourseData,
  FrameworkData,
  LessonData,
  PlanData,
  QuestionBankData,
} from '@hocvuso/contracts';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { assembleCourse, type CompetencyIndex, hashLesson } from './assemble-course';
import { contentHash, sha256 } from './hash';
import { IssueList } from './issues';
import { readLanguagesFile } from './languages';
import { markdownText, renderMarkdown } from './markdown';
import { loadPlacementTests } from './placement-tests';
import { loadUniversalisationRules } from './universalisation-rules';
import {
  bankFileSchema,
  courseFileSchema,
  frameworkFileSchema,
  type LessonFrontMatter,
  type LessonAudioFront,
  lessonFrontMatterSchema,
  mappingsFileSchema,
  planFileSchema,
  type Question,
  targetGroupsFileSchema,
  translationFrontMatterSchema,
} from './schemas';

/** How strictly {@link loadContent} holds the folder. */
export interface LoadOptions {
  /**
   * The folder is the catalogue learners get (`content:import`, `npm start`). Every question bank is then also
   * held to the size rule of `bankBalanceProblems`: at least twice the questions any quiz lesson draws from it
   * per attempt, so a retake sees new questions. The position and length rules apply to every folder.
   */
  shipped?: boolean;
}

export interface LoadResult {
  bundle?: ContentBundle;
  issues: ReturnType<IssueList['items']['slice']>;
}

/** NFC every string in a parsed YAML value. */
function nfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(nfc) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, nfc(v)]),
    ) as T;
  }
  return value;
}

/**
 * Reads and validates the whole content folder. Nothing is written anywhere: the result is either a
 * bundle ready for the importer, or the complete list of problems (file, field, expectation).
 */
export function loadContent(root: string, options: LoadOptions = {}): LoadResult {
  const issues = new IssueList();
  const rel = (p: string) => relative(root, p) || '.';

  const readYaml = <S extends z.ZodType>(path: string, schema: S): z.infer<S> | undefined => {
    if (!existsSync(path)) {
      issues.add(rel(path), '', 'file is missing');
      return undefined;
    }
    return parseYaml(readFileSync(path, 'utf8'), rel(path), schema, 0);
  };

  const parseYaml = <S extends z.ZodType>(
    source: string,
    file: string,
    schema: S,
    lineOffset: number,
  ): z.infer<S> | undefined => {
    const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const line = (e.linePos?.[0]?.line ?? 0) + lineOffset;
        issues.add(
          file,
          line ? `line ${line}` : '',
          `not valid YAML: ${e.message.split('\n')[0]!.replace(/ at line (\d+)/, (_, n: string) => ` at line ${Number(n) + lineOffset}`)}`,
        );
      }
      return undefined;
    }
    const parsed = schema.safeParse(nfc(doc.toJS()));
    if (!parsed.success) {
      for (const i of parsed.error.issues) issues.add(file, i.path.join('.'), i.message);
      return undefined;
    }
    return parsed.data;
  };

  // Languages first: every localised text and course language below is checked against them.
  const langFile = readLanguagesFile(root);
  if (!langFile.languages) return { issues: langFile.issues };
  configureLanguages(langFile.languages);

  // Target groups
  const tg = readYaml(join(root, 'target-groups.yaml'), targetGroupsFileSchema);
  const targetGroups: ContentBundle['targetGroups'] = tg
    ? [
        ...tg.groups.map((g, i) => ({
          code: g.code,
          kind: 'group' as const,
          name: g.name,
          description: g.description ?? null,
          position: i,
        })),
        ...tg.subGroups.map((g, i) => ({
          code: g.code,
          kind: 'sub_group' as const,
          name: g.name,
          description: g.description ?? null,
          position: i,
        })),
      ]
    : [];

  // Frameworks
  const frameworks: FrameworkData[] = [];
  const fwDir = join(root, 'frameworks');
  const fwFiles = existsSync(fwDir)
    ? readdirSync(fwDir)
        .filter((f) => f.endsWith('.yaml') && f !== 'mappings.yaml')
        .sort()
    : [];
  if (fwFiles.length === 0) issues.add('frameworks', '', 'expected at least one framework file');
  for (const f of fwFiles) {
    const fw = readYaml(join(fwDir, f), frameworkFileSchema);
    if (!fw) continue;
    const file = `frameworks/${f}`;
    if (`${fw.id}.yaml` !== f)
      issues.add(file, 'id', `expected "${f.replace(/\.yaml$/, '')}" (the file name)`);
    const domains = fw.domains.map((d, i) => ({
      code: d.code,
      name: d.name,
      description: d.description ?? null,
      provisional: d.provisional,
      targetGroups: d.targetGroups,
      position: i,
    }));
    const competencies = fw.domains.flatMap((d) =>
      d.competencies.map((c) => ({
        code: c.code,
        domainCode: d.code,
        name: c.name,
        description: c.description ?? null,
        provisional: c.provisional || d.provisional,
      })),
    );
    const seen = new Set<string>();
    competencies.forEach((c) => {
      if (seen.has(c.code)) issues.add(file, `competency ${c.code}`, 'expected each competency code once');
      seen.add(c.code);
    });
    const data = {
      id: fw.id,
      version: fw.version,
      name: fw.name,
      source: fw.source,
      levels: fw.levels,
      notes: fw.notes ?? null,
      domains,
      competencies: competencies.map((c, i) => ({ ...c, position: i })),
    };
    frameworks.push({ ...data, contentHash: contentHash(data) });
  }
  const competencyIndex: CompetencyIndex = new Map();
  for (const fw of frameworks) {
    for (const c of fw.competencies)
      competencyIndex.set(`${fw.id}:${c.code}`, { name: c.name, levels: fw.levels.map((l) => l.code) });
  }
  const checkRef = (file: string, field: string, ref: string) => {
    if (!competencyIndex.has(ref))
      issues.add(file, field, `unknown competency "${ref}": expected framework:code of a shipped framework`);
  };

  // Mappings
  const mappingsPath = join(fwDir, 'mappings.yaml');
  const mappings: ContentBundle['mappings'] = [];
  if (existsSync(mappingsPath)) {
    const m = readYaml(mappingsPath, mappingsFileSchema);
    m?.mappings.forEach((x, i) => {
      checkRef('frameworks/mappings.yaml', `mappings.${i}.from`, x.from);
      checkRef('frameworks/mappings.yaml', `mappings.${i}.to`, x.to);
      const [fromFramework, fromCode] = x.from.split(':') as [string, string];
      const [toFramework, toCode] = x.to.split(':') as [string, string];
      mappings.push({ fromFramework, fromCode, toFramework, toCode, relation: x.relation });
    });
  }

  // Courses
  const coursesDir = join(root, 'courses');
  const courses: CourseData[] = [];
  const courseDirs = existsSync(coursesDir)
    ? readdirSync(coursesDir)
        .filter((d) => statSync(join(coursesDir, d)).isDirectory())
        .sort()
    : [];
  for (const dir of courseDirs) {
    const course = loadCourse(
      join(coursesDir, dir),
      dir,
      rel,
      issues,
      parseYaml,
      readYaml,
      checkRef,
      competencyIndex,
      options,
    );
    if (course) courses.push(course);
  }

  const plans = loadPlans(root, readYaml, issues, courses);
  const universalisationRules = loadUniversalisationRules(root, frameworks, issues, readYaml);
  const placementTests = loadPlacementTests(
    root,
    frameworks,
    issues,
    readYaml,
    (questions, file, langs, ref) => validateQuestions(questions, file, issues, langs, ref),
  );

  if (issues.count > 0) return { issues: issues.items };
  return {
    bundle: { targetGroups, frameworks, mappings, courses, plans, universalisationRules, placementTests },
    issues: [],
  };
}

/**
 * Files of content/indicators/ that are not plans: the universalisation rules have their own format and loader.
 */
export const NON_PLAN_INDICATOR_FILES: readonly string[] = ['universalisation.yaml'];

/** content/indicators/<plan-id>.yaml: each plan, checked against its schema and the courses loaded. */
function loadPlans(
  root: string,
  readYaml: ReadYaml,
  issues: IssueList,
  courses: readonly CourseData[],
): PlanData[] {
  const dir = join(root, 'indicators');
  if (!existsSync(dir)) return [];
  const courseGroups = new Map(courses.map((c) => [c.id, c.targetGroups]));
  const plans: PlanData[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && !NON_PLAN_INDICATOR_FILES.includes(f))
    .sort();
  for (const f of files) {
    const file = `indicators/${f}`;
    const parsed = readYaml(join(dir, f), planFileSchema);
    if (!parsed) continue;
    if (`${parsed.id}.yaml` !== f)
      issues.add(file, 'id', `expected "${f.replace(/\.yaml$/, '')}" (the file name)`);
    const definition: CoveragePlanDefinition = {
      id: parsed.id,
      title: parsed.title,
      unitCode: parsed.unitCode,
      source: parsed.source,
      requiredCourses: parsed.requiredCourses,
      indicators: parsed.indicators.map((i) => ({
        ...i,
        targets: i.targets.map((t) => ({
          by: t.by,
          ...(t.share != null ? { share: t.share } : {}),
          ...(t.count != null ? { count: t.count } : {}),
          strictlyAbove: t.strictlyAbove,
        })),
      })),
    };
    const problems = planProblems(definition, courseGroups);
    for (const p of problems) issues.add(file, p.field, p.message);
    if (problems.length === 0)
      plans.push({ id: parsed.id, definition, contentHash: contentHash(definition) });
  }
  return plans;
}

type ParseYaml = <S extends z.ZodType>(
  source: string,
  file: string,
  schema: S,
  lineOffset: number,
) => z.infer<S> | undefined;
type ReadYaml = <S extends z.ZodType>(path: string, schema: S) => z.infer<S> | undefined;

function loadCourse(
  dir: string,
  folder: string,
  rel: (p: string) => string,
  issues: IssueList,
  parseYaml: ParseYaml,
  readYaml: ReadYaml,
  checkRef: (file: string, field: string, ref: string) => void,
  competencyIndex: CompetencyIndex,
  options: LoadOptions,
): CourseData | undefined {
  const courseFile = rel(join(dir, 'course.yaml'));
  const course = readYaml(join(dir, 'course.yaml'), courseFileSchema);
  if (!course) return undefined;
  const before = issues.count;
  if (course.id !== folder) issues.add(courseFile, 'id', `expected "${folder}" (the folder name)`);
  if (!course.languages.includes(course.defaultLanguage))
    issues.add(
      courseFile,
      'languages',
      `expected to include the defaultLanguage "${course.defaultLanguage}"`,
    );
  const langs = course.languages;
  const partial = course.partialLanguages.filter((l) => !langs.includes(l));
  course.partialLanguages.forEach((l, i) => {
    if (langs.includes(l))
      issues.add(courseFile, `partialLanguages.${i}`, `"${l}" is already a complete language of the course`);
  });
  const requireLangs = (file: string, field: string, text: LocalizedText | undefined) => {
    if (!text) return;
    for (const l of langs)
      if (!(text as Record<string, string | undefined>)[l])
        issues.add(file, field, `expected a "${l}" text (the course languages are ${langs.join(', ')})`);
  };
  requireLangs(courseFile, 'title', course.title);
  requireLangs(courseFile, 'summary', course.summary);
  requireLangs(courseFile, 'description', course.description);
  course.competencies.forEach((c, i) => {
    const ref = `${c.framework}:${c.code}`;
    checkRef(courseFile, `competencies.${i}`, ref);
    const known = competencyIndex.get(ref);
    if (known && c.level !== undefined && !known.levels.includes(c.level)) {
      issues.add(
        courseFile,
        `competencies.${i}.level`,
        `expected one of the framework's levels ${known.levels.join(', ')}`,
      );
    }
  });

  // Outline
  const outlineKeys = course.modules.flatMap((m) => m.lessons);
  const seenModules = new Set<string>();
  course.modules.forEach((m, i) => {
    requireLangs(courseFile, `modules.${i}.title`, m.title);
    if (seenModules.has(m.id))
      issues.add(courseFile, `modules.${i}.id`, `expected module ids to be unique ("${m.id}" repeats)`);
    seenModules.add(m.id);
  });
  const seenLessons = new Set<string>();
  outlineKeys.forEach((k) => {
    if (seenLessons.has(k))
      issues.add(courseFile, 'modules', `expected each lesson once in the outline ("${k}" repeats)`);
    seenLessons.add(k);
  });

  course.materials.forEach((m, i) => {
    if (!/^media\/[^/\\]+$/.test(m.src) || m.src.includes('..') || !existsSync(join(dir, m.src)))
      issues.add(courseFile, `materials.${i}.src`, `expected a file media/<name> inside the course folder`);
  });

  // Question banks
  const banks = new Map<string, { data: QuestionBankData; questions: Question[]; file: string }>();
  const quizDir = join(dir, 'quizzes');
  if (existsSync(quizDir)) {
    for (const f of readdirSync(quizDir)
      .filter((x) => x.endsWith('.yaml'))
      .sort()) {
      const file = rel(join(quizDir, f));
      const bank = readYaml(join(quizDir, f), bankFileSchema);
      if (!bank) continue;
      if (`${bank.id}.yaml` !== f)
        issues.add(file, 'id', `expected "${f.replace(/\.yaml$/, '')}" (the file name)`);
      validateQuestions(bank.questions, file, issues, requireLangs, checkRef);
      // A bank must not give its answers away (libs/domain bankBalanceProblems): not by where the right
      // option stands, nor by its being the longest, in any of the course's languages.
      const seen = new Set<string>();
      for (const lang of [course.defaultLanguage, ...langs.filter((l) => l !== course.defaultLanguage)]) {
        for (const problem of bankBalanceProblems(bank.questions as BankQuestion[], { lang })) {
          if (seen.has(problem.rule)) continue;
          seen.add(problem.rule);
          issues.add(
            file,
            'questions',
            problem.rule === 'correct-longest' && langs.length > 1
              ? `${problem.message} (in "${lang}")`
              : problem.message,
          );
        }
      }
      banks.set(bank.id, {
        data: { key: bank.id, questions: bank.questions, contentHash: contentHash(bank.questions) },
        questions: bank.questions,
        file,
      });
    }
  }

  // Lessons
  const lessonsDir = join(dir, 'lessons');
  const lessonFiles = existsSync(lessonsDir) ? readdirSync(lessonsDir).filter((f) => f.endsWith('.md')) : [];
  for (const f of lessonFiles) {
    const m = /^([a-z0-9-]+)\.([A-Za-z0-9-]+)\.md$/.exec(f);
    if (!m || !LANGUAGE_CODE_PATTERN.test(m[2]!))
      issues.add(rel(join(lessonsDir, f)), '', 'expected a file name <lesson-id>.<language>.md');
    else if (!seenLessons.has(m[1]!))
      issues.add(rel(join(lessonsDir, f)), '', `lesson "${m[1]}" is not in any module of course.yaml`);
    else if (!langs.includes(m[2]!) && !partial.includes(m[2]!))
      issues.add(
        rel(join(lessonsDir, f)),
        '',
        `language "${m[2]}" is not one of the course languages (${langs.join(', ')}) nor of its partialLanguages`,
      );
  }
  const lessons: LessonData[] = [];
  for (const key of outlineKeys) {
    const lesson = loadLesson(
      dir,
      key,
      course.defaultLanguage,
      langs,
      partial,
      rel,
      issues,
      parseYaml,
      checkRef,
      banks,
    );
    if (lesson) lessons.push(lesson);
  }

  // Shipped banks hold twice what a quiz draws from them, so a retake sees new questions.
  if (options.shipped) {
    for (const lesson of lessons) {
      const quiz = lesson.data.quiz as { bank: string; questionsPerAttempt: number } | undefined;
      const bank = quiz && banks.get(quiz.bank);
      if (!quiz || !bank) continue;
      for (const problem of bankBalanceProblems(bank.questions as BankQuestion[], {
        questionsPerAttempt: quiz.questionsPerAttempt,
      })) {
        if (problem.rule === 'bank-too-small')
          issues.add(bank.file, 'questions', `${problem.message} (lesson "${lesson.key}")`);
      }
    }
  }

  // Completion rule
  const byKey = new Map(lessons.map((l) => [l.key, l]));
  if (course.completion.lessons !== 'all') {
    course.completion.lessons.forEach((k, i) => {
      if (!seenLessons.has(k)) issues.add(courseFile, `completion.lessons.${i}`, `unknown lesson "${k}"`);
    });
  }
  course.completion.quizzes.forEach((k, i) => {
    if (!seenLessons.has(k)) issues.add(courseFile, `completion.quizzes.${i}`, `unknown lesson "${k}"`);
    else if (byKey.get(k) && byKey.get(k)!.kind !== 'quiz')
      issues.add(
        courseFile,
        `completion.quizzes.${i}`,
        `expected a quiz lesson, "${k}" is ${byKey.get(k)!.kind}`,
      );
  });

  if (issues.count > before) return undefined;

  return assembleCourse(
    {
      id: course.id,
      edition: course.version,
      defaultLanguage: course.defaultLanguage,
      languages: langs,
      title: course.title,
      summary: course.summary,
      description: course.description,
      targetGroups: course.targetGroups,
      subGroups: course.subGroups,
      competencies: course.competencies.map((c) => ({
        framework: c.framework,
        code: c.code,
        level: c.level ?? null,
      })),
      estimatedMinutes: course.estimatedMinutes,
      certificate: course.certificate,
      completion: course.completion,
      modules: course.modules.map((m) => ({ key: m.id, title: m.title, lessons: m.lessons })),
    },
    lessons,
    [...banks.values()].map((b) => b.data),
    competencyIndex,
  );
}

function validateQuestions(
  questions: Question[],
  file: string,
  issues: IssueList,
  requireLangs: (file: string, field: string, text: LocalizedText | undefined) => void,
  checkRef: (file: string, field: string, ref: string) => void,
) {
  const ids = new Set<string>();
  questions.forEach((q, i) => {
    const at = `questions.${i}`;
    if (ids.has(q.id)) issues.add(file, `${at}.id`, `expected question ids to be unique ("${q.id}" repeats)`);
    ids.add(q.id);
    checkRef(file, `${at}.competency`, q.competency);
    requireLangs(file, `${at}.prompt`, q.prompt);
    requireLangs(file, `${at}.explanation`, q.explanation);
    if (q.type === 'single' || q.type === 'multiple') {
      const correct = q.options.filter((o) => o.correct).length;
      if (q.type === 'single' && correct !== 1)
        issues.add(
          file,
          `${at}.options`,
          `expected exactly one correct option for a single-choice question, found ${correct}`,
        );
      if (q.type === 'multiple' && correct < 1)
        issues.add(file, `${at}.options`, 'expected at least one correct option');
      const optIds = new Set<string>();
      q.options.forEach((o, j) => {
        if (optIds.has(o.id))
          issues.add(file, `${at}.options.${j}.id`, `expected option ids to be unique ("${o.id}" repeats)`);
        optIds.add(o.id);
        requireLangs(file, `${at}.options.${j}.text`, o.text);
      });
    }
    if (q.type === 'ordering')
      q.items.forEach((it, j) => requireLangs(file, `${at}.items.${j}.text`, it.text));
  });
}

function splitFrontMatter(source: string): { front: string; body: string } | undefined {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!text.startsWith('---\n')) return undefined;
  const end = text.indexOf('\n---', 4);
  if (end < 0) return undefined;
  const after = text.indexOf('\n', end + 4);
  return { front: text.slice(4, end), body: after < 0 ? '' : text.slice(after + 1) };
}

/** The line (in the file, `lineOffset` lines above the YAML) of the node at `path`, or of its nearest parent. */
function yamlLineOf(source: string, lineOffset: number): (path: string[]) => number {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines });
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const keys = path.slice(0, n).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
      const node = doc.getIn(keys, true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range)
        return lines.linePos(node.range[0]).line + lineOffset;
    }
    return 1 + lineOffset;
  };
}

const STRUCTURAL_SHARED = [
  'kind',
  'minutes',
  'competencies',
  'video',
  'document',
  'quiz',
  'minReadSeconds',
] as const;

function loadLesson(
  courseDir: string,
  key: string,
  defaultLanguage: string,
  langs: string[],
  partial: string[],
  rel: (p: string) => string,
  issues: IssueList,
  parseYaml: ParseYaml,
  checkRef: (file: string, field: string, ref: string) => void,
  banks: Map<string, { data: QuestionBankData; questions: Question[]; file: string }>,
): LessonData | undefined {
  const before = issues.count;
  const read = (lang: string) => {
    const path = join(courseDir, 'lessons', `${key}.${lang}.md`);
    const file = rel(path);
    if (!existsSync(path) && partial.includes(lang)) return undefined;
    if (!existsSync(path)) {
      issues.add(file, '', `file is missing (lesson "${key}" in ${lang})`);
      return undefined;
    }
    const split = splitFrontMatter(readFileSync(path, 'utf8'));
    if (!split) {
      issues.add(file, '', 'expected YAML front matter between --- lines at the top');
      return undefined;
    }
    return { file, ...split };
  };
  const main = read(defaultLanguage);
  if (!main) return undefined;
  const front = parseYaml(main.front, main.file, lessonFrontMatterSchema, 1) as LessonFrontMatter | undefined;
  if (!front) return undefined;
  if (front.id !== key) issues.add(main.file, 'id', `expected "${key}" (the file name)`);
  front.competencies.forEach((c, i) => checkRef(main.file, `competencies.${i}`, c));

  const title: Record<string, string> = { [defaultLanguage]: front.title };
  const bodies: Record<string, string> = { [defaultLanguage]: main.body.normalize('NFC') };
  const items: Record<string, string[]> =
    front.kind === 'checklist' ? { [defaultLanguage]: front.items } : {};
  const captions: Record<string, string> =
    front.kind === 'video' ? { [defaultLanguage]: front.captions } : {};
  const audio: Array<{ lang: string; file: string; front: LessonAudioFront }> = front.audio
    ? [{ lang: defaultLanguage, file: main.file, front: front.audio }]
    : [];
  // A partial language's file is optional; when it is there it is held to the same rules as the others.
  const present: string[] = [defaultLanguage];
  for (const lang of [...langs, ...partial].filter((l) => l !== defaultLanguage)) {
    const t = read(lang);
    if (!t) continue;
    const tf = parseYaml(t.front, t.file, translationFrontMatterSchema, 1);
    if (!tf) continue;
    if (tf.id !== key) issues.add(t.file, 'id', `expected "${key}" (the file name)`);
    for (const field of STRUCTURAL_SHARED) {
      const v = (tf as Record<string, unknown>)[field];
      if (v !== undefined && contentHash(v) !== contentHash((front as Record<string, unknown>)[field])) {
        issues.add(t.file, field, `expected the same value as in ${main.file}, or nothing`);
      }
    }
    title[lang] = tf.title;
    bodies[lang] = t.body.normalize('NFC');
    if (tf.audio) audio.push({ lang, file: t.file, front: tf.audio });
    present.push(lang);
    if (front.kind === 'checklist') {
      if (!tf.items) issues.add(t.file, 'items', 'expected the checklist items in this language');
      else if (tf.items.length !== front.items.length)
        issues.add(t.file, 'items', `expected ${front.items.length} items, as in ${main.file}`);
      else items[lang] = tf.items;
    }
    if (front.kind === 'video') {
      if (!tf.captions) {
        // A partial language may translate the notes first; its captions then come in Vietnamese.
        if (!partial.includes(lang))
          issues.add(t.file, 'captions', 'expected a WebVTT caption file for this language');
      } else captions[lang] = tf.captions;
    }
  }
  for (const lang of present)
    if (!bodies[lang]?.trim() && front.kind === 'text')
      issues.add(rel(join(courseDir, 'lessons', `${key}.${lang}.md`)), 'body', 'expected the lesson text');

  const mediaHash = (src: string, field: string): string | undefined => {
    const path = join(courseDir, src);
    if (src.includes('..') || !existsSync(path)) {
      issues.add(main.file, field, `expected a file at ${rel(path)} inside the course folder`);
      return undefined;
    }
    const bytes = readFileSync(path);
    if (field.startsWith('captions') && front.kind === 'video') {
      // The same validator as the studio's captions: every problem with its line and stable code.
      const result = parseWebVtt(bytes, { durationSeconds: front.video.durationSeconds });
      for (const problem of result.errors)
        issues.add(rel(path), `line ${problem.line}`, `${problem.code}: ${problem.message}`);
    }
    return sha256(bytes);
  };

  const data: Record<string, unknown> = {};
  const narration = lessonAudio(courseDir, audio, rel, issues);
  if (narration) data.audio = narration;
  if (front.kind === 'checklist') {
    data.items = front.items.map((_, i) =>
      Object.fromEntries(present.filter((l) => items[l]).map((l) => [l, items[l]?.[i] ?? ''])),
    );
  } else if (front.kind === 'video') {
    if (front.video.questions) {
      // Times within the video, sorted, unique; one right option for single choice… each with its line.
      const lineOf = yamlLineOf(main.front, 1);
      for (const p of videoQuestionProblems(front.video.questions, front.video.durationSeconds)) {
        const path = ['video', 'questions', ...(p.path ? p.path.split('.') : [])];
        issues.add(main.file, `line ${lineOf(path)}`, `${p.code}: ${path.join('.')}: ${p.message}`);
      }
    } else if (front.video.requiredShare !== undefined) {
      issues.add(main.file, 'video.requiredShare', 'expected questions to go with requiredShare');
    }
    data.video = { ...front.video, completionThreshold: front.video.completionThreshold ?? 0.9 };
    data.captions = captions;
    data.mediaHashes = [
      mediaHash(front.video.src, 'video.src'),
      ...(front.video.hls ? [mediaHash(front.video.hls, 'video.hls')] : []),
      ...Object.entries(captions).map(([l, c]) => mediaHash(c, `captions.${l}`)),
    ];
  } else if (front.kind === 'document') {
    data.document = front.document;
    data.mediaHashes = [mediaHash(front.document.src, 'document.src')];
  } else if (front.kind === 'quiz') {
    const bank = banks.get(front.quiz.bank);
    if (!bank) issues.add(main.file, 'quiz.bank', `expected a question bank quizzes/${front.quiz.bank}.yaml`);
    else if (bank.questions.length < front.quiz.questionsPerAttempt) {
      issues.add(
        main.file,
        'quiz.questionsPerAttempt',
        `expected at most ${bank.questions.length} (the bank's question count)`,
      );
    }
    data.quiz = { ...front.quiz, bankHash: bank?.data.contentHash };
  }
  if (issues.count > before) return undefined;

  const wordCount = countWords(markdownText(bodies[defaultLanguage] ?? ''));
  const lesson = {
    key,
    kind: front.kind,
    minutes: front.minutes,
    title: title as LocalizedText,
    bodyHtml: Object.fromEntries(present.map((l) => [l, renderMarkdown(bodies[l] ?? '')])) as LocalizedText,
    minReadSeconds: front.kind === 'text' ? minimumReadingSeconds(wordCount, front.minReadSeconds) : 0,
    data,
    competencies: front.competencies,
  };
  return hashLesson(lesson);
}

/**
 * The narration of a lesson by language (docs/read-aloud.md), as stored in `lesson_revisions.data.audio`: each file
 * under media/, of an accepted extension, at most AUDIO_MAX_BYTES, an audio container by its bytes (the one its
 * extension names), its declared length within a second of the measured one. Undefined when the lesson has none.
 */
function lessonAudio(
  courseDir: string,
  audio: Array<{ lang: string; file: string; front: LessonAudioFront }>,
  rel: (p: string) => string,
  issues: IssueList,
): Record<string, unknown> | undefined {
  if (audio.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const { lang, file, front } of audio) {
    const path = join(courseDir, front.src);
    if (!/^media\/[A-Za-z0-9._-]+$/.test(front.src) || front.src.includes('..') || !existsSync(path)) {
      issues.add(
        file,
        'audio.src',
        `expected a file media/<name> inside the course folder, not "${front.src}"`,
      );
      continue;
    }
    const extension = front.src.slice(front.src.lastIndexOf('.') + 1).toLowerCase();
    const expected = AUDIO_EXTENSIONS[extension];
    if (!expected) {
      issues.add(
        file,
        'audio.src',
        `AUDIO_TYPE_NOT_ALLOWED: expected .mp3, .ogg, .opus or .m4a, not ".${extension}"`,
      );
      continue;
    }
    const size = statSync(path).size;
    if (size > AUDIO_MAX_BYTES) {
      issues.add(
        rel(path),
        '',
        `AUDIO_TOO_LARGE: ${size} bytes; at most ${AUDIO_MAX_BYTES} (encode mono at 24–32 kbit/s)`,
      );
      continue;
    }
    const bytes = readFileSync(path);
    const found = inspectAudio(bytes);
    if (!found.ok) {
      issues.add(rel(path), '', `${found.code}: ${found.message}`);
      continue;
    }
    if (found.container !== expected) {
      issues.add(
        rel(path),
        '',
        `AUDIO_TYPE_MISMATCH: the bytes are ${found.container.toUpperCase()}, the name says .${extension}`,
      );
      continue;
    }
    const declared = front.durationSeconds;
    if (
      declared !== undefined &&
      found.durationSeconds !== null &&
      Math.abs(declared - found.durationSeconds) > 1
    ) {
      issues.add(
        file,
        'audio.durationSeconds',
        `AUDIO_DURATION_MISMATCH: ${declared} s declared, the file plays ${found.durationSeconds} s`,
      );
      continue;
    }
    out[lang] = {
      src: front.src,
      sha256: sha256(bytes),
      mediaType: AUDIO_CONTAINERS[found.container],
      durationSeconds: found.durationSeconds ?? declared ?? null,
      synthetic: front.synthetic,
    };
  }
  return out;
}
