import {
  buildStudioCourse,
  type StudioBuild,
  type StudioNarrationRef,
  type StudioVideoRef,
} from '@hocvuso/content';
import type { DraftProblem, StudioDraft } from '@hocvuso/contracts';
import {
  publishReadiness,
  type ReadinessMaterial,
  type ReadinessVideo,
  ValidationError,
} from '@hocvuso/domain';
import {
  competencyIndex,
  courseMaterials,
  courseNarrations,
  courseVideos,
  type Queryable,
  videoCaptions,
} from '@hocvuso/db';

export interface DraftReadiness {
  /** The importable course, only when nothing is wrong. */
  course: StudioBuild['course'];
  /** Every reason at once: publishReadiness's coded problems, then the field-level ones not already covered. */
  problems: DraftProblem[];
}

/**
 * What submitting for review, publishing and the editor's live list all ask (docs/studio-review.md "Publish
 * refusals"): loads the course's own materials, videos (with their captions) and the competency index on the
 * caller's connection, runs publishReadiness (coded reasons) and buildStudioCourse (field completeness, the
 * course to import), and merges them; a field-level problem under a path publishReadiness already reports is
 * dropped (one line per reason).
 */
export async function draftReadiness(
  db: Queryable,
  courseId: string,
  revision: number,
  document: StudioDraft,
): Promise<DraftReadiness> {
  const rows = await courseMaterials(db, courseId);
  const materials = new Map<string, ReadinessMaterial & { sha256: string }>(
    rows.map((m) => [
      m.id,
      { id: m.id, mediaType: m.media_type, altText: m.alt_text, name: m.original_name, sha256: m.sha256 },
    ]),
  );
  const videos = await courseVideoRefs(db, courseId);
  const coded = publishReadiness(document, { materials, videos });
  const built = buildStudioCourse(
    courseId,
    String(revision),
    document,
    await competencyIndex(db),
    materials,
    videos,
    await courseNarrationRefs(db, courseId),
  );
  const covered = (field: string) => coded.some((p) => field === p.path || field.startsWith(`${p.path}.`));
  const problems: DraftProblem[] = [
    ...coded.map((p) => ({
      field: p.path,
      message: p.message,
      code: p.code,
      blocking: true,
      ...(p.params ? { params: p.params } : {}),
    })),
    ...built.problems.filter((p) => !covered(p.field)),
  ];
  return { course: problems.length === 0 ? built.course : undefined, problems };
}

/** The course's own videos with their captions now, as the checks and the video lessons' build need them. */
async function courseVideoRefs(
  db: Queryable,
  courseId: string,
): Promise<Map<string, ReadinessVideo & StudioVideoRef>> {
  const rows = await courseVideos(db, courseId);
  const captions =
    rows.length > 0
      ? await videoCaptions(
          db,
          rows.map((v) => v.id),
        )
      : [];
  return new Map(
    rows.map((v) => {
      const own = captions.filter((c) => c.video_id === v.id);
      return [
        v.id,
        {
          id: v.id,
          name: v.original_name,
          status: v.status,
          captionLanguages: own.map((c) => c.language),
          originalKey: v.original_key,
          sha256: v.sha256,
          durationSeconds: v.duration_seconds,
          hlsKey: v.hls_key,
          posterKey: v.poster_key,
          captions: own.map((c) => ({ language: c.language, storageKey: c.storage_key, sha256: c.sha256 })),
        },
      ];
    }),
  );
}

/** The course's own narrations, by id, as the lessons' build needs them. */
async function courseNarrationRefs(
  db: Queryable,
  courseId: string,
): Promise<Map<string, StudioNarrationRef>> {
  return new Map(
    (await courseNarrations(db, courseId)).map((n) => [
      n.id,
      { mediaType: n.media_type, sha256: n.sha256, durationSeconds: Number(n.duration_seconds) },
    ]),
  );
}

/** The refusal of an incomplete draft, every reason listed (400 DRAFT_INCOMPLETE). */
export const draftIncomplete = (problems: DraftProblem[], forReview = false) =>
  new ValidationError(
    'DRAFT_INCOMPLETE',
    forReview
      ? 'The course is not ready for review; complete the fields listed.'
      : 'The course is not ready to publish; complete the fields listed.',
    { problems },
  );
