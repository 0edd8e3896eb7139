import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  type CourseDetailQuery,
  courseDetailQuerySchema,
  type MyPathResponse,
  myPathResponseSchema,
  type PlacementAttemptResponse,
  placementAttemptResponseSchema,
  type StartPlacementRequest,
  startPlacementRequestSchema,
  type SubmitPlacementRequest,
  submitPlacementRequestSchema,
} from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { PlacementService } from './placement.service';

const langQuery = new ZodValidationPipe(courseDetailQuerySchema);

/** The placement test of the learner's target group and the personal path it proposes (docs/placement.md). */
@ApiTags('placement')
@Controller()
export class PlacementController {
  constructor(@Inject(PlacementService) private readonly placement: PlacementService) {}

  /** Starts an attempt (201) or returns the one still open (200). */
  @Post('placement/attempts')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(placementAttemptResponseSchema, 201, 'Started')
  @ApiResponseFrom(placementAttemptResponseSchema, 200, 'The attempt still open')
  @ApiBody({ schema: zodSchema(startPlacementRequestSchema) })
  async start(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(startPlacementRequestSchema)) body: StartPlacementRequest,
    @Query(langQuery) query: CourseDetailQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlacementAttemptResponse> {
    const { created, attempt } = await this.placement.start(user.id, body, query.lang);
    void reply.status(created ? 201 : 200).header('cache-control', 'no-store');
    return attempt;
  }

  @Get('placement/attempts/:attemptId')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(placementAttemptResponseSchema)
  get(
    @CurrentUser() user: AuthUser,
    @Param('attemptId') attemptId: string,
    @Query(langQuery) query: CourseDetailQuery,
  ): Promise<PlacementAttemptResponse> {
    return this.placement.get(user.id, attemptId, query.lang);
  }

  /** Grades the attempt once; a repeat answers the stored result (`replayed: true`). */
  @Post('placement/attempts/:attemptId/submit')
  @HttpCode(200)
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(placementAttemptResponseSchema)
  @ApiBody({ schema: zodSchema(submitPlacementRequestSchema) })
  submit(
    @CurrentUser() user: AuthUser,
    @Param('attemptId') attemptId: string,
    @Body(new ZodValidationPipe(submitPlacementRequestSchema)) body: SubmitPlacementRequest,
    @Query(langQuery) query: CourseDetailQuery,
  ): Promise<PlacementAttemptResponse> {
    return this.placement.submit(user.id, attemptId, body, query.lang);
  }

  @Get('me/path')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(myPathResponseSchema)
  myPath(@CurrentUser() user: AuthUser, @Query(langQuery) query: CourseDetailQuery): Promise<MyPathResponse> {
    return this.placement.myPath(user.id, query.lang);
  }
}
