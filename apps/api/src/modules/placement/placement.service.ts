import { createHmac, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  answerInBankIds,
  type AttemptQuestion,
  type BankQuestion,
  buildAttempt,
  ConflictError,
  gradeQuestion,
  isUuid,
  learnerLayout,
  learnerView,
  localize,
  learningPath,
  masteredCompetencies,
  nextOnPath,
  pathEquivalents,
  NotFoundError,
  PLACEMENT_RETAKE_HOURS,
  type PathEntry,
  validateAnswers,
  ValidationError,
  type Language,
} from '@hocvuso/domain';
import type {
  MyPathResponse,
  PathCourse,
  PlacementAttemptResponse,
  StartPlacementRequest,
  SubmitPlacementRequest,
} from '@hocvuso/contracts';
import {
  allCompetencyMappings,
  discardOpenPlacementAttempt,
  findPlacementAttempt,
  frameworkCompetencyOrder,
  insertPlacementAttempt,
  latestPlacement,
  lockPlacementAttempt,
  openPlacementAttempt,
  pathCourses,
  type PlacementAttemptRow,
  placementGroups,
  placementTest,
  type PlacementTestRow,
  profileOf,
  savePlacementSubmission,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';

type Lang = Language;

/** The opaque id a learner sees for an option in one attempt: HMAC of the attempt's secret seed, truncated. */
function optionKey(seed: string): (questionId: string, optionId: string) => string {
  return (questionId, optionId) =>
    createHmac('sha256', seed).update(`${questionId}\u0000${optionId}`).digest('base64url').slice(0, 10);
}

const notFound = () =>
  new NotFoundError('PLACEMENT_ATTEMPT_NOT_FOUND', 'There is no such placement attempt.');

/**
 * Placement tests and personal paths (docs/placement.md): an attempt serves every item of the group's test
 * without its key (per-attempt opaque option ids), a submission is graded once with the quiz rules, and the path
 * is built from the mastered competencies and the learner's completions whenever it is read.
 */
@Injectable()
export class PlacementService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Resumes the open attempt (200) or starts one (201) for the learner's group, once the cool-down is over. */
  async start(
    userId: string,
    body: StartPlacementRequest,
    lang: Lang,
  ): Promise<{ created: boolean; attempt: PlacementAttemptResponse }> {
    const open = await openPlacementAttempt(this.db, userId, PLACEMENT_RETAKE_HOURS);
    if (open) {
      const current = await placementTest(this.db, open.target_group);
      if (current?.content_hash === open.test_hash)
        return { created: false, attempt: await this.view(open, lang, current) };
      // The test changed under the open attempt: it cannot be graded faithfully, so it makes way for a new one.
      await discardOpenPlacementAttempt(this.db, open.id);
    }
    const group = await this.groupFor(userId, body.targetGroup);
    const test = await placementTest(this.db, group);
    if (!test)
      throw new NotFoundError('PLACEMENT_TEST_NOT_FOUND', `There is no placement test for "${group}".`, {
        targetGroup: group,
      });
    const latest = await latestPlacement(this.db, userId, PLACEMENT_RETAKE_HOURS);
    if (latest && !latest.retake_open)
      throw new ConflictError(
        'PLACEMENT_RETAKE_TOO_SOON',
        `The placement can be taken again from ${latest.retake_at!.toISOString()}.`,
        { retakeAt: latest.retake_at!.toISOString() },
      );
    const seed = randomUUID();
    const questions = test.questions as BankQuestion[];
    const layout = buildAttempt(questions, questions.length, seed, { keyOf: optionKey(seed) });
    const row = await insertPlacementAttempt(
      this.db,
      { userId, targetGroup: group, framework: test.framework_id, testHash: test.content_hash, seed, layout },
      PLACEMENT_RETAKE_HOURS,
    );
    if (row) return { created: true, attempt: await this.view(row, lang, test) };
    // Another start won the race: answer with its attempt.
    const winner = await openPlacementAttempt(this.db, userId, PLACEMENT_RETAKE_HOURS);
    if (!winner)
      throw new ConflictError(
        'PLACEMENT_ATTEMPT_RACE',
        'Another attempt was started at the same moment; reload.',
      );
    return { created: false, attempt: await this.view(winner, lang) };
  }

  async get(userId: string, attemptId: string, lang: Lang): Promise<PlacementAttemptResponse> {
    const row = isUuid(attemptId)
      ? await findPlacementAttempt(this.db, attemptId, userId, PLACEMENT_RETAKE_HOURS)
      : undefined;
    if (!row) throw notFound();
    return this.view(row, lang);
  }

  /**
   * Grades the attempt once. Answers are checked against the items served (unknown items or options are
   * `400 INVALID_ANSWERS`, nothing saved); a submission of an attempt already submitted answers its stored result
   * with `replayed: true` and grades nothing again, so parallel submits leave one result.
   */
  async submit(
    userId: string,
    attemptId: string,
    body: SubmitPlacementRequest,
    lang: Lang,
  ): Promise<PlacementAttemptResponse> {
    if (!isUuid(attemptId)) throw notFound();
    const peek = await findPlacementAttempt(this.db, attemptId, userId, PLACEMENT_RETAKE_HOURS);
    if (!peek) throw notFound();
    const test = await this.testOf(peek);
    const byId = new Map((test.questions as BankQuestion[]).map((q) => [q.id, q]));
    const layout = peek.layout as AttemptQuestion[];
    const outcome = await this.db.transaction(async (tx) => {
      const row = await lockPlacementAttempt(tx, attemptId, userId, PLACEMENT_RETAKE_HOURS);
      if (!row) throw notFound();
      if (row.submitted_at) return { row, replayed: true };
      const shown = validateAnswers(layout.map(learnerLayout), body.answers);
      const answers = Object.fromEntries(
        layout.filter((q) => shown[q.id] !== undefined).map((q) => [q.id, answerInBankIds(q, shown[q.id]!)]),
      );
      const itemResults = layout.map((q) => {
        const question = byId.get(q.id)!;
        return {
          id: q.id,
          competency: question.competency,
          correct: gradeQuestion(question, answers[q.id]).correct,
        };
      });
      await savePlacementSubmission(tx, {
        attemptId,
        answers,
        itemResults,
        mastered: masteredCompetencies(itemResults),
      });
      return { row: undefined, replayed: false };
    });
    const saved =
      outcome.row ?? (await findPlacementAttempt(this.db, attemptId, userId, PLACEMENT_RETAKE_HOURS));
    if (!saved) throw notFound();
    const view = await this.view(saved, lang, test);
    return outcome.replayed ? { ...view, replayed: true } : view;
  }

  /** The learner's path from their latest placement, and what comes next. */
  async myPath(userId: string, lang: Lang): Promise<MyPathResponse> {
    const [latest, open, groups, profile] = await Promise.all([
      latestPlacement(this.db, userId, PLACEMENT_RETAKE_HOURS),
      openPlacementAttempt(this.db, userId, PLACEMENT_RETAKE_HOURS),
      placementGroups(this.db),
      profileOf(this.db, userId),
    ]);
    const own = profile?.target_groups ?? [];
    const choices = groups.filter((g) => own.length === 0 || own.includes(g.code));
    const base = {
      targetGroup: latest?.target_group ?? (own.length === 1 ? own[0]! : null),
      groups: (choices.length > 0 ? choices : groups).map((g) => ({
        code: g.code,
        name: localize(g.name, lang),
      })),
      openAttemptId: open?.id ?? null,
    };
    if (!latest) return { ...base, latest: null, path: [], next: null };
    const { path, names } = await this.path(
      userId,
      latest.target_group,
      latest.framework_id,
      latest.mastered ?? [],
      lang,
      profile?.sub_groups ?? [],
    );
    return {
      ...base,
      latest: {
        attemptId: latest.id,
        submittedAt: latest.submitted_at!.toISOString(),
        retakeAt: latest.retake_at!.toISOString(),
        mastered: (latest.mastered ?? []).map((c) => ({ competency: c, name: names(c) })),
      },
      path,
      next: nextOnPath(path),
    };
  }

  /** The group to place the learner in: the profile's only group, or the one chosen among the profile's. */
  private async groupFor(userId: string, chosen: string | undefined): Promise<string> {
    const own = (await profileOf(this.db, userId))?.target_groups ?? [];
    if (chosen !== undefined) {
      if (own.length > 0 && !own.includes(chosen))
        throw new ValidationError(
          'PLACEMENT_GROUP_NOT_IN_PROFILE',
          'Choose one of the target groups of your profile.',
          { targetGroups: own },
        );
      return chosen;
    }
    if (own.length === 1) return own[0]!;
    throw new ValidationError(
      'PLACEMENT_GROUP_REQUIRED',
      own.length === 0
        ? 'Your profile names no target group: choose one.'
        : 'Your profile names several target groups: choose one.',
      { targetGroups: own },
    );
  }

  private async testOf(row: PlacementAttemptRow): Promise<PlacementTestRow> {
    const test = await placementTest(this.db, row.target_group);
    // The attempt keeps its layout; a test changed under an open attempt cannot grade it faithfully.
    if (!test || test.content_hash !== row.test_hash)
      throw new ConflictError(
        'PLACEMENT_TEST_CHANGED',
        'The placement test changed since this attempt started; start a new one.',
      );
    return test;
  }

  /** The attempt's test when it did not change since the attempt started. */
  private async sameTest(row: PlacementAttemptRow): Promise<PlacementTestRow | undefined> {
    const test = await placementTest(this.db, row.target_group);
    return test?.content_hash === row.test_hash ? test : undefined;
  }

  private async path(
    userId: string,
    group: string,
    framework: string,
    mastered: string[],
    lang: Lang,
    subGroups: readonly string[],
  ): Promise<{ path: PathCourse[]; names: (competency: string) => string }> {
    const [courses, order, mappings] = await Promise.all([
      pathCourses(this.db, userId, group, subGroups),
      frameworkCompetencyOrder(this.db, framework),
      allCompetencyMappings(this.db),
    ]);
    const codes = order.map((c) => c.code);
    const nameByCode = new Map(order.map((c) => [`${framework}:${c.code}`, localize(c.name, lang)]));
    const names = (competency: string) => nameByCode.get(competency) ?? competency;
    const entries = learningPath({
      framework,
      competencyOrder: codes,
      mastered,
      equivalents: pathEquivalents(framework, codes, mappings),
      subGroups,
      courses: courses.map((c) => ({
        id: c.course_id,
        competencies: c.competencies,
        subGroups: c.sub_groups,
        inGroup: c.in_group,
        completed: c.completed,
        enrolled: c.enrolled,
      })),
    });
    const titles = new Map(courses.map((c) => [c.course_id, localize(c.title, lang)]));
    const toCourse = (e: PathEntry): PathCourse => ({
      courseId: e.courseId,
      title: titles.get(e.courseId) ?? e.courseId,
      level: e.level,
      toLearn: e.toLearn.map((c) => ({ competency: c, name: names(c) })),
      enrolled: e.enrolled,
      forSubGroups: e.forSubGroups,
    });
    return { path: entries.map(toCourse), names };
  }

  private async view(
    row: PlacementAttemptRow,
    lang: Lang,
    known?: PlacementTestRow,
  ): Promise<PlacementAttemptResponse> {
    // A submitted attempt keeps its result when the test changed later; only its items are no longer shown.
    const test = known ?? (row.submitted_at ? await this.sameTest(row) : await this.testOf(row));
    const byId = new Map(((test?.questions ?? []) as BankQuestion[]).map((q) => [q.id, q]));
    const layout = test ? (row.layout as AttemptQuestion[]) : [];
    const questions = layout.map((q) => {
      const question = byId.get(q.id)!;
      return { ...learnerView(question, q, lang), competency: question.competency };
    });
    let result: PlacementAttemptResponse['result'] = null;
    if (row.submitted_at && row.item_results && row.mastered) {
      const profile = await profileOf(this.db, row.user_id);
      const { path, names } = await this.path(
        row.user_id,
        row.target_group,
        row.framework_id,
        row.mastered,
        lang,
        profile?.sub_groups ?? [],
      );
      const checked = [...new Set(row.item_results.map((r) => r.competency))];
      const mastered = new Set(row.mastered);
      result = {
        correct: row.item_results.filter((r) => r.correct).length,
        total: row.item_results.length,
        mastered: row.mastered.map((c) => ({ competency: c, name: names(c) })),
        notMastered: checked.filter((c) => !mastered.has(c)).map((c) => ({ competency: c, name: names(c) })),
        path,
      };
    }
    return {
      id: row.id,
      targetGroup: row.target_group,
      framework: row.framework_id,
      status: row.submitted_at ? 'submitted' : 'open',
      startedAt: row.started_at.toISOString(),
      submittedAt: row.submitted_at?.toISOString() ?? null,
      questions,
      result,
      retakeAt: row.retake_at?.toISOString() ?? null,
    };
  }
}
