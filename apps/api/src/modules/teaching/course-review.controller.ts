import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  reviewQueueSchema,
  type StudioReviewCommentCreate,
  studioReviewCommentCreatedSchema,
  studioReviewCommentCreateSchema,
  studioReviewDecidedSchema,
  type StudioReviewDecision,
  studioReviewDecisionSchema,
  type StudioReviewRequestChanges,
  studioReviewRequestChangesSchema,
  studioReviewSchema,
} from '@hocvuso/contracts';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiEmptyResponse, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { CourseIdPipe } from '../catalog/course-id.pipe';
import { CourseReviewService } from './course-review.service';

/** Review before publishing (docs/studio-review.md). */
@ApiTags('teaching')
@Controller('teaching')
export class CourseReviewController {
  constructor(@Inject(CourseReviewService) private readonly reviews: CourseReviewService) {}

  @Get('reviews')
  @ApiResponseFrom(reviewQueueSchema)
  queue(@CurrentUser() user: AuthUser) {
    return this.reviews.queue(user);
  }

  @Get('courses/:courseId/review')
  @ApiResponseFrom(studioReviewSchema)
  get(@CurrentUser() user: AuthUser, @Param('courseId', CourseIdPipe) courseId: string) {
    return this.reviews.get(user, courseId);
  }

  @Post('courses/:courseId/submit-for-review')
  @HttpCode(200)
  @ApiResponseFrom(studioReviewDecidedSchema)
  @ApiBody({ schema: zodSchema(studioReviewDecisionSchema) })
  submit(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Body(new ZodValidationPipe(studioReviewDecisionSchema)) body: StudioReviewDecision,
  ) {
    return this.reviews.decide(user, courseId, 'submit', body.revision);
  }

  @Post('courses/:courseId/approve')
  @HttpCode(200)
  @ApiResponseFrom(studioReviewDecidedSchema)
  @ApiBody({ schema: zodSchema(studioReviewDecisionSchema) })
  approve(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Body(new ZodValidationPipe(studioReviewDecisionSchema)) body: StudioReviewDecision,
  ) {
    return this.reviews.decide(user, courseId, 'approve', body.revision);
  }

  @Post('courses/:courseId/request-changes')
  @HttpCode(200)
  @ApiResponseFrom(studioReviewDecidedSchema)
  @ApiBody({ schema: zodSchema(studioReviewRequestChangesSchema) })
  requestChanges(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Body(new ZodValidationPipe(studioReviewRequestChangesSchema)) body: StudioReviewRequestChanges,
  ) {
    return this.reviews.decide(user, courseId, 'request_changes', body.revision, body.reason);
  }

  @Post('courses/:courseId/review/comments')
  @ApiResponseFrom(studioReviewCommentCreatedSchema, 201)
  @ApiBody({ schema: zodSchema(studioReviewCommentCreateSchema) })
  comment(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Body(new ZodValidationPipe(studioReviewCommentCreateSchema)) body: StudioReviewCommentCreate,
  ) {
    return this.reviews.addComment(user, courseId, body);
  }

  @Post('courses/:courseId/review/comments/:commentId/resolve')
  @HttpCode(204)
  @ApiEmptyResponse()
  async resolve(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Param('commentId') commentId: string,
  ) {
    await this.reviews.resolveComment(user, courseId, commentId);
  }
}
