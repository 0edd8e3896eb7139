import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import {
  type CourseDetailQuery,
  courseDetailQuerySchema,
  emptyBodySchema,
  type QuizAttemptResponse,
  quizAttemptResponseSchema,
  type SubmitAttemptRequest,
  submitAttemptRequestSchema,
} from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { QuizService } from './quiz.service';

const langQuery = new ZodValidationPipe(courseDetailQuerySchema);

@ApiTags('assessment')
@Controller()
export class QuizController {
  constructor(@Inject(QuizService) private readonly quizzes: QuizService) {}

  /** Starts an attempt (201) or returns the one still open (200). */
  @Post('lessons/:lessonId/quiz-attempts')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(quizAttemptResponseSchema, 201, 'Started')
  @ApiResponseFrom(quizAttemptResponseSchema, 200, 'The attempt still open')
  async start(
    @CurrentUser() user: AuthUser,
    @Param('lessonId') lessonId: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
    @Query(langQuery) query: CourseDetailQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuizAttemptResponse> {
    const { created, attempt } = await this.quizzes.startOrResume(user.id, lessonId, query.lang);
    void reply.status(created ? 201 : 200).header('cache-control', 'no-store');
    return attempt;
  }

  @Get('quiz-attempts/:attemptId')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(quizAttemptResponseSchema)
  get(
    @CurrentUser() user: AuthUser,
    @Param('attemptId') attemptId: string,
    @Query(langQuery) query: CourseDetailQuery,
  ): Promise<QuizAttemptResponse> {
    return this.quizzes.get(user.id, attemptId, query.lang);
  }

  @Post('quiz-attempts/:attemptId/submit')
  @HttpCode(200)
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(quizAttemptResponseSchema)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'Same key, same result; a second submission with another key gets 409.',
  })
  @ApiBody({ schema: zodSchema(submitAttemptRequestSchema) })
  submit(
    @CurrentUser() user: AuthUser,
    @Param('attemptId') attemptId: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(submitAttemptRequestSchema)) body: SubmitAttemptRequest,
    @Query(langQuery) query: CourseDetailQuery,
  ): Promise<QuizAttemptResponse> {
    return this.quizzes.submit(user.id, attemptId, idempotencyKey, body, query.lang);
  }
}
