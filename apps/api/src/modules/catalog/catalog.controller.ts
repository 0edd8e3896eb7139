import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type CourseDetail,
  type CourseDetailQuery,
  courseDetailQuerySchema,
  type CourseListQuery,
  courseListQuerySchema,
  type CourseListResponse,
} from '@hocvuso/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/public.decorator';
import { sendCacheable } from '../../common/http/etag';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { CourseIdPipe } from './course-id.pipe';
import { CatalogService } from './catalog.service';

@ApiTags('catalogue')
@Controller()
export class CatalogController {
  constructor(@Inject(CatalogService) private readonly catalog: CatalogService) {}

  @Public()
  @Get('courses')
  async list(
    @Query(new ZodValidationPipe(courseListQuerySchema)) query: CourseListQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CourseListResponse | undefined> {
    return sendCacheable(request, reply, await this.catalog.list(query));
  }

  @Public()
  @Get('courses/:courseId')
  async detail(
    @Param('courseId', CourseIdPipe) courseId: string,
    @Query(new ZodValidationPipe(courseDetailQuerySchema)) query: CourseDetailQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CourseDetail | undefined> {
    return sendCacheable(request, reply, await this.catalog.detail(courseId, query.lang));
  }

  /**
   * The skills frameworks as loaded from content/frameworks: domains, competencies, levels, and which items are
   * provisional (official wording not confirmed), with the number of courses that teach each competency.
   */
  @Public()
  @Get('frameworks')
  async frameworks(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendCacheable(request, reply, { items: await this.catalog.frameworks() }, 300);
  }
}
