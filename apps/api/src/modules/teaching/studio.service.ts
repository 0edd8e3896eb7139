import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ReadCacheService } from '../../common/cache/read-cache.service';
import {
  emptyStudioDraft,
  type LessonChange,
  type StudioCourseCreate,
  type StudioDraft,
  studioDraftSchema,
  type StudioDraftSave,
} from '@hocvuso/contracts';
import { ConflictError, COURSE_OWNER, decideReview, holdsEverywhere, ValidationError } from '@hocvuso/domain';
import {
  appendAudit,
  carryLessonProgress,
  courseDraft,
  courseMaterials,
  courseNarrations,
  CourseSourceConflictError,
  courseStaff,
  courseVersionList,
  courseVideos,
  currentVersionNo,
  importCourse,
  insertCourseDraft,
  insertCourseStaff,
  insertStudioCourse,
  lockCourseDraft,
  lockCourseEnrolments,
  lockCourseReview,
  markDraftPublished,
  publishCourseListing,
  publishedLessons,
  saveCourseDraft,
  teachingCourses,
  unpublishCourseListing,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { requireCapability } from '../../common/guards/require-capability';
import { AssistantIndexService } from '../assistant/assistant-index.service';
import { CourseAccessService } from './course-access.service';
import { draftIncomplete, draftReadiness } from './draft-readiness';

/**
 * The teaching studio: teachers create courses, edit a draft, and publish it as a new immutable course version
 * through the same writer the content importer uses, so a studio course is searched, tracked, versioned
 * (learners keep progress on unchanged lessons) and certified like every other course.
 */
@Injectable()
export class StudioService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CourseAccessService) private readonly access: CourseAccessService,
    @Inject(ReadCacheService) private readonly cache: ReadCacheService,
    @Inject(AssistantIndexService) private readonly assistantIndex: AssistantIndexService,
  ) {}

  async list(user: AuthUser) {
    requireCapability(user, 'course.create', 'The teaching studio needs the teacher role.');
    const rows = await teachingCourses(this.db, user.id, holdsEverywhere(user.grants, 'course.read'));
    return {
      items: rows.map((r) => ({
        id: r.id,
        source: r.source,
        title: r.title,
        published: r.published,
        staffRole: r.staff_role,
        versionNo: r.version_no,
        draftRevision: r.draft_revision,
        unpublishedChanges: r.source === 'studio' && r.draft_revision !== r.published_revision,
        draftUpdatedAt: r.draft_updated_at,
        enrolled: r.enrolled,
        completed: r.completed,
      })),
    };
  }

  async create(user: AuthUser, input: StudioCourseCreate) {
    requireCapability(user, 'course.create', 'Creating courses needs the teacher role.');
    await this.db.transaction(async (tx) => {
      const created = await insertStudioCourse(tx, input.id);
      if (!created)
        throw new ConflictError('COURSE_ID_TAKEN', `The course id "${input.id}" is taken; choose another.`, {
          field: 'id',
        });
      await insertCourseStaff(tx, {
        courseId: input.id,
        userId: user.id,
        role: COURSE_OWNER,
        addedBy: user.id,
      });
      await insertCourseDraft(tx, input.id, emptyStudioDraft(input.title, input.defaultLanguage), user.id);
      await appendAudit(tx, {
        actor: user.id,
        action: 'course.create',
        subjectType: 'course',
        subjectId: input.id,
        after: { title: input.title },
      });
    });
    return this.get(user, input.id);
  }

  async get(user: AuthUser, courseId: string) {
    const course = await this.access.require(user, courseId, 'read');
    const draft = await courseDraft(this.db, courseId);
    const versions = await courseVersionList(this.db, courseId);
    const staff = await courseStaff(this.db, courseId);
    const lessons = await publishedLessons(this.db, courseId);
    const document = draft ? studioDraftSchema.parse(draft.document) : undefined;
    // What the saved draft would publish, lesson by lesson (a different content hash is a change to mark), and
    // every reason it may not be submitted or published yet (the editor's live list).
    const built = document ? await draftReadiness(this.db, courseId, draft!.revision, document) : undefined;
    const draftHash = new Map((built?.course?.lessons ?? []).map((l) => [l.key, l.contentHash]));
    return {
      id: course.id,
      source: course.source,
      published: course.published,
      myRole: course.staffRole,
      editable: course.source === 'studio',
      draft: draft
        ? {
            revision: draft.revision,
            publishedRevision: draft.published_revision,
            updatedAt: draft.updated_at,
            updatedBy: draft.updated_by_name,
            document: document!,
            problems: built!.problems,
          }
        : null,
      publishedLessons: lessons.map((l) => ({
        key: l.lesson_key,
        lessonId: l.lesson_id,
        changed: draftHash.has(l.lesson_key) && draftHash.get(l.lesson_key) !== l.content_hash,
      })),
      versions: versions.map((v) => ({
        versionNo: v.version_no,
        edition: v.edition,
        createdAt: v.created_at,
        current: v.current,
      })),
      staff,
    };
  }

  /** Saves the draft if nobody saved since `revision` was read; otherwise 409 with the current revision. */
  async saveDraft(user: AuthUser, courseId: string, input: StudioDraftSave) {
    return this.db.transaction(async (tx) => {
      const course = await this.access.require(user, courseId, 'edit', tx);
      if (course.source !== 'studio') throw notEditable(courseId);
      const current = (await lockCourseDraft(tx, courseId))!.revision;
      if (current !== input.revision) {
        throw new ConflictError(
          'DRAFT_CONFLICT',
          'Someone saved this course after you opened it. Reload to see their changes, then edit again.',
          {
            currentRevision: current,
          },
        );
      }
      // A document lesson shows a material of this course only: another course's id (or a made-up one) is
      // refused here, before it is saved, as it would be at publishing.
      const own = new Set((await courseMaterials(tx, courseId)).map((m) => m.id));
      input.document.lessons.forEach((lesson, i) => {
        if (lesson.kind === 'document' && lesson.materialId !== null && !own.has(lesson.materialId))
          throw new ValidationError('MATERIAL_NOT_FOUND', 'There is no such material in this course.', {
            field: `document.lessons.${i}.materialId`,
          });
      });
      // A video lesson likewise shows a video uploaded to this course (ready or still transcoding).
      const videos = input.document.lessons.some((l) => l.kind === 'video' && l.videoId !== null)
        ? new Set((await courseVideos(tx, courseId)).map((v) => v.id))
        : new Set<string>();
      input.document.lessons.forEach((lesson, i) => {
        if (lesson.kind === 'video' && lesson.videoId !== null && !videos.has(lesson.videoId))
          throw new ValidationError('VIDEO_NOT_FOUND', 'There is no such video in this course.', {
            field: `document.lessons.${i}.videoId`,
          });
      });
      // A lesson's narration likewise: an upload of this course (a content language by the schema; one the
      // course does not offer is kept like a text in it, and not published).
      const narrations = input.document.lessons.some((l) => Object.keys(l.audio ?? {}).length > 0)
        ? new Set((await courseNarrations(tx, courseId)).map((n) => n.id))
        : new Set<string>();
      input.document.lessons.forEach((lesson, i) => {
        for (const [lang, id] of Object.entries(lesson.audio ?? {})) {
          if (!narrations.has(id))
            throw new ValidationError('NARRATION_NOT_FOUND', 'There is no such narration in this course.', {
              field: `document.lessons.${i}.audio.${lang}`,
            });
        }
      });
      await saveCourseDraft(tx, courseId, input.document, user.id);
      return { revision: current + 1 };
    });
  }

  /**
   * Publishes the saved draft: checks it is complete, writes a new course version (or reuses the identical
   * earlier one), makes the course visible in the catalogue and records who published what. Publishing an
   * unchanged draft again changes nothing. A lesson keeps its address across versions (its key in the draft);
   * for each published lesson whose content changed, `changes` says whether the change is minor (the default:
   * every learner's state on it carries over) or major (their credit is set aside, kept as history, and they
   * are asked to read it again). See docs/crediting.md "When a published lesson changes".
   */
  async publish(
    user: AuthUser,
    courseId: string,
    revision: number,
    changes: Array<{ lessonId: string; change: LessonChange }> = [],
  ) {
    const published = await this.db.transaction(async (tx) => {
      const course = await this.access.require(user, courseId, 'publish', tx);
      if (course.source !== 'studio') throw notEditable(courseId);
      const draft = await lockCourseDraft(tx, courseId);
      if (draft!.revision !== revision) {
        throw new ConflictError(
          'DRAFT_CONFLICT',
          'The draft changed since you checked it. Review the latest version before publishing.',
          {
            currentRevision: draft!.revision,
          },
        );
      }
      // Review is mandatory: every publish is of the exact revision a reviewer approved (a course never
      // submitted is 409 REVIEW_REQUIRED with status draft; an edit since the approval needs review again).
      // docs/studio-review.md "Gate".
      decideReview(
        await lockCourseReview(tx, courseId),
        draft!.revision,
        'publish',
        { userId: user.id, teaches: true, reviews: false },
        revision,
      );
      // Each marked lesson must be a published lesson of this course, once; anything else changes nothing.
      const before = await publishedLessons(tx, courseId);
      const known = new Set(before.map((l) => l.lesson_id));
      const marked = new Map<string, LessonChange>();
      for (const [i, c] of changes.entries()) {
        if (!known.has(c.lessonId) || marked.has(c.lessonId))
          throw new ValidationError(
            'PUBLISH_CHANGE_UNKNOWN_LESSON',
            marked.has(c.lessonId)
              ? `Lesson ${c.lessonId} is marked twice; mark each changed lesson once.`
              : `Lesson ${c.lessonId} is not a published lesson of this course.`,
            { field: `changes.${i}.lessonId` },
          );
        marked.set(c.lessonId, c.change);
      }
      const document: StudioDraft = studioDraftSchema.parse(draft!.document);
      // Approved, but a material may have changed since (alt text removed): every reason checked again.
      const built = await draftReadiness(tx, courseId, revision, document);
      if (!built.course) throw draftIncomplete(built.problems);
      let outcome: Awaited<ReturnType<typeof importCourse>>;
      try {
        outcome = await importCourse(tx, built.course, 'studio');
      } catch (e) {
        if (e instanceof CourseSourceConflictError) throw notEditable(courseId);
        throw e;
      }
      // Lessons kept across the publish (same address) whose revision changed: carry or set aside credit.
      const after = new Map((await publishedLessons(tx, courseId)).map((l) => [l.lesson_id, l]));
      const lessonChanges: Array<{
        lessonId: string;
        key: string;
        change: LessonChange;
        learnersKept: number;
      }> = [];
      let locked = false;
      for (const old of before) {
        const now = after.get(old.lesson_id);
        if (!now || now.revision_id === old.revision_id) continue;
        const change = marked.get(old.lesson_id) ?? 'minor';
        let learnersKept = 0;
        if (change === 'minor') {
          if (!locked) await lockCourseEnrolments(tx, courseId);
          locked = true;
          learnersKept = await carryLessonProgress(tx, courseId, old.revision_id, now.revision_id);
        }
        lessonChanges.push({ lessonId: old.lesson_id, key: now.lesson_key, change, learnersKept });
      }
      await publishCourseListing(tx, courseId);
      await markDraftPublished(tx, courseId);
      const versionNo = (await currentVersionNo(tx, courseId))!;
      if (outcome !== 'unchanged' || !course.published) {
        await appendAudit(tx, {
          actor: user.id,
          action: 'course.publish',
          subjectType: 'course',
          subjectId: courseId,
          after: {
            versionNo,
            draftRevision: revision,
            contentHash: built.course.contentHash,
            lessonChanges: lessonChanges.map((c) => ({ lessonId: c.lessonId, change: c.change })),
          },
        });
      }
      return { versionNo, changed: outcome !== 'unchanged', lessonChanges };
    });
    // After the commit: the catalogue and this course's page are recomputed on every replica, and the
    // assistant indexes the lessons it may now quote (docs/assistant.md).
    await this.cache.changed('catalogue', `course:${courseId}`);
    await this.assistantIndex.afterPublish(courseId);
    return published;
  }

  /** Takes a studio course out of the catalogue; enrolled learners keep their records and certificates. */
  async unpublish(user: AuthUser, courseId: string) {
    await this.db.transaction(async (tx) => {
      const course = await this.access.require(user, courseId, 'publish', tx);
      if (course.source !== 'studio') throw notEditable(courseId);
      if (!course.published) return;
      await unpublishCourseListing(tx, courseId);
      await appendAudit(tx, {
        actor: user.id,
        action: 'course.unpublish',
        subjectType: 'course',
        subjectId: courseId,
      });
    });
    await this.cache.changed('catalogue', `course:${courseId}`);
  }
}

const notEditable = (courseId: string) =>
  new ConflictError(
    'COURSE_NOT_EDITABLE',
    `Course "${courseId}" is maintained in the content files; change it there and run content:import.`,
  );
