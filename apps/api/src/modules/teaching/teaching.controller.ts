import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  type CourseLearnersQuery,
  courseLearnersPageSchema,
  courseLearnersQuerySchema,
  staffResponseSchema,
  studioCourseSchema,
  studioDraftSavedSchema,
  type StudioPublishRequest,
  studioPublishRequestSchema,
  studioPublishedSchema,
  teachingCoursesResponseSchema,
  type StudioCourseCreate,
  studioCourseCreateSchema,
  type StudioDraftSave,
  studioDraftSaveSchema,
  type StudioStaffAdd,
  studioStaffAddSchema,
} from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { sendCsv } from '../../common/http/csv';
import {
  ApiEmptyResponse,
  ApiMediaResponse,
  ApiQueryFrom,
  ApiResponseFrom,
  zodSchema,
} from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { CourseIdPipe } from '../catalog/course-id.pipe';
import { CourseReportService } from './course-report.service';
import { CourseStaffService } from './course-staff.service';
import { StudioService } from './studio.service';

/**
 * The teaching studio and course reports. Every route resolves the course through CourseAccessService, so
 * a course the caller does not teach answers 404 COURSE_NOT_FOUND for reads, writes, reports and exports.
 */
@ApiTags('teaching')
@Controller('teaching/courses')
export class TeachingController {
  constructor(
    @Inject(StudioService) private readonly studio: StudioService,
    @Inject(CourseReportService) private readonly reports: CourseReportService,
    @Inject(CourseStaffService) private readonly staff: CourseStaffService,
  ) {}

  @Get()
  @ApiResponseFrom(teachingCoursesResponseSchema)
  list(@CurrentUser() user: AuthUser) {
    return this.studio.list(user);
  }

  @Post()
  @ApiResponseFrom(studioCourseSchema, 201)
  @ApiBody({ schema: zodSchema(studioCourseCreateSchema) })
  create(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(studioCourseCreateSchema)) body: StudioCourseCreate,
  ) {
    return this.studio.create(user, body);
  }

  @Get(':courseId')
  @ApiResponseFrom(studioCourseSchema)
  get(@CurrentUser() user: AuthUser, @Param('courseId', CourseIdPipe) courseId: string) {
    return this.studio.get(user, courseId);
  }

  @Put(':courseId/draft')
  @ApiResponseFrom(studioDraftSavedSchema)
  @ApiBody({ schema: zodSchema(studioDraftSaveSchema) })
  saveDraft(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Body(new ZodValidationPipe(studioDraftSaveSchema)) body: StudioDraftSave,
  ) {
    return this.studio.saveDraft(user, courseId, body);
  }

  @Post(':courseId/publish')
  @HttpCode(200)
  @ApiResponseFrom(studioPublishedSchema)
  @ApiBody({ schema: zodSchema(studioPublishRequestSchema) })
  publish(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Body(new ZodValidationPipe(studioPublishRequestSchema)) body: StudioPublishRequest,
  ) {
    return this.studio.publish(user, courseId, body.revision, body.changes);
  }

  @Post(':courseId/unpublish')
  @HttpCode(204)
  @ApiEmptyResponse()
  async unpublish(@CurrentUser() user: AuthUser, @Param('courseId', CourseIdPipe) courseId: string) {
    await this.studio.unpublish(user, courseId);
  }

  @Get(':courseId/learners')
  @ApiQueryFrom(courseLearnersQuerySchema)
  @ApiResponseFrom(courseLearnersPageSchema)
  learners(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Query(new ZodValidationPipe(courseLearnersQuerySchema)) q: CourseLearnersQuery,
  ) {
    return this.reports.learners(user, courseId, q);
  }

  /** CSV of the course's learners and their progress; formula-like cells are neutralised. */
  @Get(':courseId/learners.csv')
  @ApiMediaResponse('text/csv')
  async learnersCsv(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Res() reply: FastifyReply,
  ) {
    const { header, rows } = await this.reports.export(user, courseId);
    sendCsv(reply, `course-${courseId}-learners.csv`, header, rows);
  }

  @Post(':courseId/staff')
  @HttpCode(200)
  @ApiResponseFrom(staffResponseSchema)
  @ApiBody({ schema: zodSchema(studioStaffAddSchema) })
  addStaff(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Body(new ZodValidationPipe(studioStaffAddSchema)) body: StudioStaffAdd,
  ) {
    return this.staff.add(user, courseId, body);
  }

  @Delete(':courseId/staff/:userId')
  @HttpCode(204)
  @ApiEmptyResponse()
  async removeStaff(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Param('userId') userId: string,
  ) {
    await this.staff.remove(user, courseId, userId);
  }
}
