import { Body, Controller, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  type CourseDetailQuery,
  courseDetailQuerySchema,
  type OfflineDownloadRequest,
  offlineDownloadRequestSchema,
  type OfflineDownloadResponse,
  offlineDownloadResponseSchema,
  type OfflineSyncRequest,
  offlineSyncRequestSchema,
  type OfflineSyncResponse,
  offlineSyncResponseSchema,
} from '@hocvuso/contracts';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { CourseIdPipe } from '../catalog/course-id.pipe';
import { OfflineService } from './offline.service';

/** Downloading a course for offline use and syncing what was learnt offline (docs/offline.md). */
@ApiTags('offline')
@Controller()
export class OfflineController {
  constructor(@Inject(OfflineService) private readonly offline: OfflineService) {}

  /**
   * Records the download of an enrolled course (the first download counts) and draws an attempt of each quiz
   * asked for; 403 NOT_ENROLLED otherwise.
   */
  @Post('me/offline-downloads/:courseId')
  @HttpCode(200)
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(offlineDownloadResponseSchema)
  @ApiBody({ schema: zodSchema(offlineDownloadRequestSchema) })
  download(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Body(new ZodValidationPipe(offlineDownloadRequestSchema)) body: OfflineDownloadRequest,
    @Query(new ZodValidationPipe(courseDetailQuerySchema)) query: CourseDetailQuery,
  ): Promise<OfflineDownloadResponse> {
    return this.offline.download(user.id, courseId, body, query.lang);
  }

  /** Applies queued offline events with the online rules; replaying a batch answers the same and credits once. */
  @Post('me/offline-sync')
  @HttpCode(200)
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(offlineSyncResponseSchema)
  @ApiBody({ schema: zodSchema(offlineSyncRequestSchema) })
  sync(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(offlineSyncRequestSchema)) body: OfflineSyncRequest,
    @Query(new ZodValidationPipe(courseDetailQuerySchema)) query: CourseDetailQuery,
  ): Promise<OfflineSyncResponse> {
    return this.offline.sync(user.id, body, query.lang);
  }
}
