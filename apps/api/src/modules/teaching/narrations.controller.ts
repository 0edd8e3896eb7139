import { Controller, Get, Headers, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { narrationsResponseSchema, narrationUploadedSchema } from '@hocvuso/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { ApiMediaResponse, ApiResponseFrom } from '../../common/http/openapi';
import { CourseIdPipe } from '../catalog/course-id.pipe';
import { sendStoredFile } from '../videos/stored-file-reply';
import { narrationNotFound, NarrationsService } from './narrations.service';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Studio narration (docs/read-aloud.md "In the studio"). Upload: the audio file as the body
 * (`application/octet-stream`), the language it reads in `?language=`, its name in `?name=`. 201 for new bytes,
 * 200 when the course already had them (the same narration).
 */
@ApiTags('teaching')
@Controller('teaching/courses/:courseId/narrations')
export class NarrationsController {
  constructor(@Inject(NarrationsService) private readonly narrations: NarrationsService) {}

  @Post()
  @ApiConsumes('application/octet-stream')
  @ApiResponseFrom(narrationUploadedSchema, 201)
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Query('language') language: unknown,
    @Query('name') name: unknown,
    @Headers('content-length') length: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.narrations.upload(
      user,
      courseId,
      {
        language: text(language),
        name: text(name),
        declaredLength: length && /^\d+$/.test(length) ? Number(length) : undefined,
      },
      req.body,
    );
    void reply.status(result.created ? 201 : 200).header('cache-control', 'no-store');
    return result;
  }

  @Get()
  @ApiResponseFrom(narrationsResponseSchema)
  list(@CurrentUser() user: AuthUser, @Param('courseId', CourseIdPipe) courseId: string) {
    return this.narrations.list(user, courseId);
  }
}

/**
 * A narration's file, for the studio's preview and the learner's read-aloud player (MediaService builds this URL
 * from a lesson's `narrations/<id>` source): range requests for seeking, nosniff, immutable caching. The id is a
 * random UUID and the bytes under it never change, as a video's files are served.
 */
@ApiTags('media')
@Controller('narrations')
export class NarrationFilesController {
  constructor(@Inject(NarrationsService) private readonly narrations: NarrationsService) {}

  @Public()
  @Get(':narrationId')
  @ApiMediaResponse('audio/mpeg')
  async file(
    @Param('narrationId') narrationId: string,
    @Headers('range') range: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.narrations.file(narrationId);
    if (!(await sendStoredFile(reply, this.narrations.storage, file, range))) throw narrationNotFound();
  }
}
