import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Language, localize, NotFoundError, searchTerms } from '@hocvuso/domain';
import type {
  CompetencyBadge,
  CourseDetail,
  CourseListQuery,
  CourseListResponse,
  CourseSummary,
} from '@hocvuso/contracts';
import {
  competenciesOfVersions,
  type CompetencyRow,
  type CourseListRow,
  frameworkTrees,
  listCourses,
  outlineOfVersion,
  publishedCourseDetail,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';

type Lang = Language;

@Injectable()
export class CatalogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(query: CourseListQuery): Promise<CourseListResponse> {
    const terms = searchTerms(query.q ?? '');
    // A query of only symbols (`%`, `_`, quotes) is plain text that no course contains, not a wildcard.
    if (terms.length === 0 && (query.q ?? '').trim() !== '')
      return { items: [], total: 0, page: query.page, limit: query.limit };
    const [framework, code] = query.competency?.split(':') ?? query.domain?.split(':') ?? [];
    const rows = await listCourses(this.db, {
      terms,
      targetGroup: query.targetGroup,
      subGroup: query.subGroup,
      framework,
      competencyCode: query.competency ? code : undefined,
      domainCode: query.domain ? code : undefined,
      level: query.level,
      language: query.language,
      maxMinutes: query.maxMinutes,
      sort: query.sort ?? 'relevance',
      lang: query.lang,
      limit: query.limit,
      offset: (query.page - 1) * query.limit,
    });
    const competencies = await competenciesOfVersions(
      this.db,
      rows.map((r) => r.version_id),
    );
    return {
      items: rows.map((r) => this.summary(r, competencies, query.lang)),
      total: rows[0]?.total ?? (await this.countWhenPageIsEmpty(query, rows)),
      page: query.page,
      limit: query.limit,
    };
  }

  /** A page past the end has no rows to carry the total; ask once more for page one's count. */
  private async countWhenPageIsEmpty(query: CourseListQuery, rows: CourseListRow[]): Promise<number> {
    if (rows.length > 0 || query.page === 1) return 0;
    const first = await this.list({ ...query, page: 1, limit: 1 });
    return first.total;
  }

  /** The course page at its current version, or at one of its earlier versions (`versionId`). */
  async detail(courseId: string, lang: Lang, versionId?: string): Promise<CourseDetail> {
    const row = await publishedCourseDetail(this.db, courseId, versionId);
    if (!row) throw new NotFoundError('COURSE_NOT_FOUND', 'There is no such course.');
    const [competencies, outline] = await Promise.all([
      competenciesOfVersions(this.db, [row.version_id]),
      outlineOfVersion(this.db, row.version_id),
    ]);
    return {
      ...this.summary(row, competencies, lang),
      descriptionHtml: localize(row.description_html as never, lang),
      version: row.version_no,
      modules: row.modules.map((m) => ({
        key: m.key,
        title: localize(m.title as never, lang),
        lessons: outline
          .filter((l) => l.module_key === m.key)
          .map((l) => ({
            id: l.lesson_id,
            key: l.lesson_key,
            kind: l.kind as CourseDetail['modules'][number]['lessons'][number]['kind'],
            title: localize(l.title as never, lang),
            minutes: l.minutes,
          })),
      })),
    };
  }

  private summary(
    r: Omit<CourseListRow, 'rank' | 'total' | 'lang'>,
    competencies: CompetencyRow[],
    lang: Lang,
  ): CourseSummary {
    // The language the course's texts come in: the one asked for when the course is complete in it, else the
    // course's own; a text translated beyond that (a partial language, docs/languages.md) is shown where it is.
    const language = r.languages.includes(lang) ? lang : r.default_language;
    return {
      id: r.id,
      title: localize(r.title as never, lang, language),
      summary: localize(r.summary as never, lang, language),
      language,
      languages: r.languages,
      targetGroups: r.target_groups,
      subGroups: r.sub_groups,
      estimatedMinutes: r.estimated_minutes,
      lessonCount: r.lesson_count,
      certificate: r.certificate,
      competencies: competencies
        .filter((c) => c.course_version_id === r.version_id)
        .map((c): CompetencyBadge => ({
          framework: c.framework_id,
          code: c.code,
          level: c.level,
          name: localize(c.name as never, language),
          provisional: c.provisional,
        })),
    };
  }

  frameworks() {
    return frameworkTrees(this.db);
  }

  /** One framework, or NOT_FOUND (its public page, the target of every credential alignment). */
  async framework(id: string) {
    const found = /^[a-z0-9][a-z0-9._-]{0,99}$/i.test(id)
      ? (await frameworkTrees(this.db)).find((f) => f.id === id)
      : undefined;
    if (!found) throw new NotFoundError('FRAMEWORK_NOT_FOUND', 'There is no such skills framework.');
    return found;
  }
}
