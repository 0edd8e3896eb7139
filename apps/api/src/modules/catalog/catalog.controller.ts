import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { isDomainError } from '@hocvuso/domain';
import { ApiTags } from '@nestjs/swagger';
import {
  type CoursePageQuery,
  coursePageQuerySchema,
  type CourseListQuery,
  courseListQuerySchema,
  courseDetailSchema,
  courseListResponseSchema,
  frameworksResponseSchema,
  frameworkTreeSchema,
} from '@hocvuso/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/public.decorator';
import { ReadCacheService } from '../../common/cache/read-cache.service';
import { sendCacheable, sendMemoizedJson } from '../../common/http/etag';
import { ApiPageOrJsonResponse, ApiQueryFrom, ApiResponseFrom } from '../../common/http/openapi';
import { pageLang, prefersJson, sendPublicPage } from '../../common/http/public-page';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { frameworkNotFound, frameworkPageBody, frameworkPageTitle } from './framework-page.html';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { CourseIdPipe } from './course-id.pipe';
import { CatalogService } from './catalog.service';

@ApiTags('catalogue')
@Controller()
export class CatalogController {
  constructor(
    @Inject(CatalogService) private readonly catalog: CatalogService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(ReadCacheService) private readonly cache: ReadCacheService,
  ) {}

  @Public()
  @Get('courses')
  @ApiQueryFrom(courseListQuerySchema)
  @ApiResponseFrom(courseListResponseSchema)
  async list(
    @Query(new ZodValidationPipe(courseListQuerySchema)) query: CourseListQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Revalidated on every use: a course published or unpublished shows at once (no stale list for minutes).
    // Served from the read cache, invalidated by every publish and unpublish (docs/read-caches.md).
    const cached = await this.cache.get(['catalogue'], `list:${JSON.stringify(query)}`, () =>
      this.catalog.list(query),
    );
    sendMemoizedJson(request, reply, cached, 'public, no-cache', this.cache.memo);
  }

  @Public()
  @Get('courses/:courseId')
  @ApiQueryFrom(coursePageQuerySchema)
  @ApiResponseFrom(courseDetailSchema)
  async detail(
    @Param('courseId', CourseIdPipe) courseId: string,
    @Query(new ZodValidationPipe(coursePageQuerySchema)) query: CoursePageQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Revalidated on every use: right after a republish the page links only the lessons that exist. The key
    // names the version served (`current`, or the earlier version a learner in progress is on).
    const version = query.version ?? 'current';
    const cached = await this.cache.get([`course:${courseId}`], `detail:${query.lang}:${version}`, () =>
      this.catalog.detail(courseId, query.lang, query.version),
    );
    sendMemoizedJson(request, reply, cached, 'public, no-cache', this.cache.memo);
  }

  /**
   * The skills frameworks as loaded from content/frameworks: domains, competencies, levels, and which items are
   * provisional (official wording not confirmed), with the number of courses that teach each competency.
   */
  @Public()
  @Get('frameworks')
  @ApiResponseFrom(frameworksResponseSchema)
  async frameworks(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendCacheable(request, reply, { items: await this.catalog.frameworks() }, 300);
  }

  /**
   * The public page of a framework, outside /api: `/frameworks/<id>`, one element per competency with the code as
   * its id, so every `alignment[].targetUrl` of a credential (`/frameworks/<id>#<code>`) opens on its competency.
   * HTML unless JSON is asked for explicitly (then the framework as in GET /api/frameworks).
   */
  @Public()
  @Get('frameworks/:id')
  @ApiPageOrJsonResponse(frameworkTreeSchema)
  async frameworkPage(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const lang = pageLang(request);
    if (prefersJson(request.headers.accept)) {
      const body = sendCacheable(request, reply, await this.catalog.framework(id), 300);
      void reply.header('vary', 'accept, accept-language').send(body);
      return;
    }
    try {
      const framework = await this.catalog.framework(id);
      sendPublicPage(
        reply,
        {
          lang,
          title: frameworkPageTitle(framework, lang),
          body: frameworkPageBody(framework, lang),
          cacheControl: 'public, max-age=300',
        },
        this.config.webDist,
      );
    } catch (err) {
      if (!isDomainError(err) || err.code !== 'FRAMEWORK_NOT_FOUND') throw err;
      sendPublicPage(
        reply,
        { lang, ...frameworkNotFound(lang), status: 404, cacheControl: 'no-cache' },
        this.config.webDist,
      );
    }
  }
}
