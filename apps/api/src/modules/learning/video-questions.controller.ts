import { Body, Controller, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  type CourseDetailQuery,
  courseDetailQuerySchema,
  type VideoAnswerRequest,
  videoAnswerRequestSchema,
  type VideoAnswerResponse,
  videoAnswerResponseSchema,
} from '@hocvuso/contracts';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { VideoAnswersService } from './video-answers.service';

@ApiTags('learning')
@Controller()
export class VideoQuestionsController {
  constructor(@Inject(VideoAnswersService) private readonly answers: VideoAnswersService) {}

  /**
   * Answers a question pinned in a video lesson. The first answer is graded, stored and recorded; a replay (or a
   * different later answer) returns the stored first result with `replayed: true`. Refused with
   * `409 VIDEO_QUESTION_NOT_REACHED` until the server credited the video up to the question's time.
   */
  @Post('lessons/:lessonId/video-questions/:questionId/answers')
  @HttpCode(200)
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(videoAnswerResponseSchema)
  @ApiBody({ schema: zodSchema(videoAnswerRequestSchema) })
  answer(
    @CurrentUser() user: AuthUser,
    @Param('lessonId') lessonId: string,
    @Param('questionId') questionId: string,
    @Body(new ZodValidationPipe(videoAnswerRequestSchema)) body: VideoAnswerRequest,
    @Query(new ZodValidationPipe(courseDetailQuerySchema)) query: CourseDetailQuery,
  ): Promise<VideoAnswerResponse> {
    return this.answers.answer(user.id, lessonId, questionId, body, query.lang);
  }
}
