import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  type ChecklistRequest,
  checklistRequestSchema,
  lessonActionResponseSchema,
  courseProgressResponseSchema,
  enrolmentSummarySchema,
  lessonResponseSchema,
  myLearningResponseSchema,
  type LessonActionResponse,
  completeLessonRequestSchema,
  type CourseDetailQuery,
  courseDetailQuerySchema,
  type CourseProgressResponse,
  emptyBodySchema,
  type EnrolmentSummary,
  type LessonResponse,
  type MoveVersionRequest,
  moveVersionRequestSchema,
  type MoveVersionResponse,
  moveVersionResponseSchema,
  type MyLearningResponse,
} from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { CourseIdPipe } from '../catalog/course-id.pipe';
import { CourseVersionService } from './course-version.service';
import { LearningService } from './learning.service';

const langQuery = new ZodValidationPipe(courseDetailQuerySchema);

@ApiTags('learning')
@Controller()
export class LearningController {
  constructor(
    @Inject(LearningService) private readonly learning: LearningService,
    @Inject(CourseVersionService) private readonly versions: CourseVersionService,
  ) {}

  /** Enrols the caller; 201 the first time, 200 when already enrolled. */
  @Post('courses/:courseId/enrol')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(enrolmentSummarySchema, 201, 'Enrolled')
  @ApiResponseFrom(enrolmentSummarySchema, 200, 'Already enrolled')
  async enrol(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Query(langQuery) query: CourseDetailQuery,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EnrolmentSummary> {
    const { created, enrolment } = await this.learning.enrol(user.id, courseId, query.lang);
    void reply.status(created ? 201 : 200);
    return enrolment;
  }

  @Get('me/learning')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(myLearningResponseSchema)
  async myLearning(
    @CurrentUser() user: AuthUser,
    @Query(langQuery) query: CourseDetailQuery,
  ): Promise<MyLearningResponse> {
    return { items: await this.learning.myLearning(user.id, query.lang) };
  }

  @Get('me/courses/:courseId')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(courseProgressResponseSchema)
  async courseProgress(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Query(langQuery) query: CourseDetailQuery,
  ): Promise<CourseProgressResponse> {
    const [progress, version] = await Promise.all([
      this.learning.courseProgress(user.id, courseId, query.lang),
      this.versions.versionOf(user.id, courseId, query.lang),
    ]);
    return { ...progress, ...version };
  }

  /**
   * Moves the caller, in progress on an earlier version, to the course's current version (`versionId`, as the
   * notice named it); credit carries per the teacher's minor/major marking. Idempotent: `moved: false` when
   * they already read that version.
   */
  @Post('me/courses/:courseId/version')
  @HttpCode(200)
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(moveVersionResponseSchema)
  @ApiBody({ schema: zodSchema(moveVersionRequestSchema) })
  moveVersion(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Body(new ZodValidationPipe(moveVersionRequestSchema)) body: MoveVersionRequest,
    @Query(langQuery) query: CourseDetailQuery,
  ): Promise<MoveVersionResponse> {
    return this.versions.move(user.id, courseId, body.versionId, query.lang);
  }

  @Get('lessons/:lessonId')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(lessonResponseSchema)
  openLesson(
    @CurrentUser() user: AuthUser,
    @Param('lessonId') lessonId: string,
    @Query(langQuery) query: CourseDetailQuery,
  ): Promise<LessonResponse> {
    return this.learning.openLesson(user.id, lessonId, query.lang);
  }

  @Post('lessons/:lessonId/complete')
  @HttpCode(200)
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(enrolmentSummarySchema)
  @ApiBody({ schema: zodSchema(completeLessonRequestSchema) })
  completeLesson(
    @CurrentUser() user: AuthUser,
    @Param('lessonId') lessonId: string,
    @Body(new ZodValidationPipe(completeLessonRequestSchema)) _body: unknown,
    @Query(langQuery) query: CourseDetailQuery,
  ): Promise<EnrolmentSummary> {
    return this.learning.completeReading(user.id, lessonId, query.lang);
  }

  /** Replaces the ticked items of a practice checklist (idempotent); all ticked completes the lesson. */
  @Put('lessons/:lessonId/checklist')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(lessonActionResponseSchema)
  @ApiBody({ schema: zodSchema(checklistRequestSchema) })
  tickChecklist(
    @CurrentUser() user: AuthUser,
    @Param('lessonId') lessonId: string,
    @Body(new ZodValidationPipe(checklistRequestSchema)) body: ChecklistRequest,
    @Query(langQuery) query: CourseDetailQuery,
  ): Promise<LessonActionResponse> {
    return this.learning.tickChecklist(user.id, lessonId, body, query.lang);
  }

  @Post('lessons/:lessonId/document-opened')
  @HttpCode(200)
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(lessonActionResponseSchema)
  openDocument(
    @CurrentUser() user: AuthUser,
    @Param('lessonId') lessonId: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
    @Query(langQuery) query: CourseDetailQuery,
  ): Promise<LessonActionResponse> {
    return this.learning.openDocument(user.id, lessonId, query.lang);
  }
}
