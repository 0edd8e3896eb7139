import { Body, Controller, Headers, Inject, Post, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import {
  type QuizGrantRequest,
  quizGrantRequestSchema,
  type QuizGrantResponse,
  quizGrantResponseSchema,
} from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { QuizGrantsService } from './quiz-grants.service';

/** More quiz attempts for one learner, granted by a teacher of the course or a helper or administrator in scope. */
@ApiTags('assessment')
@Controller('quiz-grants')
export class QuizGrantsController {
  constructor(@Inject(QuizGrantsService) private readonly grants: QuizGrantsService) {}

  /** Grants (201), or answers the grant already made with this Idempotency-Key (200). */
  @Post()
  @ApiResponseFrom(quizGrantResponseSchema, 201, 'Granted')
  @ApiResponseFrom(quizGrantResponseSchema, 200, 'The grant already made with this Idempotency-Key')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'Same key, same grant (granted once); the key with another grant gets 409.',
  })
  @ApiBody({ schema: zodSchema(quizGrantRequestSchema) })
  async grant(
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(quizGrantRequestSchema)) body: QuizGrantRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuizGrantResponse> {
    const { created, grant } = await this.grants.grant(user, body, idempotencyKey);
    void reply.status(created ? 201 : 200).header('cache-control', 'no-store');
    return grant;
  }
}
