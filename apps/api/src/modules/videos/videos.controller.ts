import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Put, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  courseVideoSchema,
  courseVideosResponseSchema,
  videoCaptionLanguageSchema,
  videoCaptionStoredSchema,
} from '@hocvuso/contracts';
import { contentLanguageCodes, type Language, ValidationError } from '@hocvuso/domain';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { ApiEmptyResponse, ApiMediaResponse, ApiResponseFrom } from '../../common/http/openapi';
import { CourseIdPipe } from '../catalog/course-id.pipe';
import { sendStoredFile } from './stored-file-reply';
import { VideoCaptionsService } from './video-captions.service';
import { VideosService, videoNotFound } from './videos.service';

/** The studio's view of a course's videos: status and transcoding progress (polled while it runs). */
@ApiTags('teaching')
@Controller('teaching/courses/:courseId/videos')
export class CourseVideosController {
  constructor(
    @Inject(VideosService) private readonly videos: VideosService,
    @Inject(VideoCaptionsService) private readonly captions: VideoCaptionsService,
  ) {}

  @Get()
  @ApiResponseFrom(courseVideosResponseSchema)
  list(@CurrentUser() user: AuthUser, @Param('courseId', CourseIdPipe) courseId: string) {
    return this.videos.list(user, courseId);
  }

  @Get(':videoId')
  @ApiResponseFrom(courseVideoSchema)
  get(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Param('videoId') videoId: string,
  ) {
    return this.videos.get(user, courseId, videoId);
  }

  /**
   * Stores the video's caption file in one language (body: the .vtt file, `text/vtt`, up to 1 MiB), replacing
   * that language's: checked against the video's duration first; any error is 400 CAPTIONS_INVALID with every
   * problem and its line, storing nothing (docs/captions.md "Studio videos").
   */
  @Put(':videoId/captions/:language')
  @HttpCode(200)
  @ApiConsumes('text/vtt')
  @ApiResponseFrom(videoCaptionStoredSchema)
  putCaptions(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Param('videoId') videoId: string,
    @Param('language') language: string,
    @Body() body: unknown,
  ) {
    return this.captions.put(user, courseId, videoId, captionLanguage(language), body);
  }

  @Delete(':videoId/captions/:language')
  @HttpCode(204)
  @ApiEmptyResponse()
  async removeCaptions(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Param('videoId') videoId: string,
    @Param('language') language: string,
  ) {
    await this.captions.remove(user, courseId, videoId, captionLanguage(language));
  }
}

/** A caption language from the path: one of the content languages (content/languages.yaml). */
function captionLanguage(value: string): Language {
  const parsed = videoCaptionLanguageSchema.safeParse(value);
  if (!parsed.success)
    throw new ValidationError(
      'CAPTIONS_LANGUAGE_NOT_OFFERED',
      `Captions are kept in ${contentLanguageCodes().join(', ')}, not "${value.slice(0, 20)}".`,
      { field: 'language' },
    );
  return parsed.data;
}

/**
 * A video's files, for players and a CDN (docs/video-pipeline.md): the original with range requests from the
 * moment it is accepted, the HLS ladder and poster once transcoded, caption files by hash. Each URL holds an id
 * or a hash, so each answer is immutable; the id is a random UUID, so only those given the URL find it.
 */
@ApiTags('media')
@Controller('videos/:videoId')
export class VideoFilesController {
  constructor(@Inject(VideosService) private readonly videos: VideosService) {}

  @Public()
  @Get(':file')
  @ApiMediaResponse('application/octet-stream')
  top(
    @Param('videoId') videoId: string,
    @Param('file') file: string,
    @Headers('range') range: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.send(videoId, file, range, reply);
  }

  @Public()
  @Get('captions/:file')
  @ApiMediaResponse('text/vtt')
  caption(
    @Param('videoId') videoId: string,
    @Param('file') file: string,
    @Headers('range') range: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.send(videoId, `captions/${file}`, range, reply);
  }

  @Public()
  @Get('hls/:file')
  @ApiMediaResponse('application/vnd.apple.mpegurl')
  master(
    @Param('videoId') videoId: string,
    @Param('file') file: string,
    @Headers('range') range: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.send(videoId, `hls/${file}`, range, reply);
  }

  @Public()
  @Get('hls/:rendition/:file')
  @ApiMediaResponse('video/mp2t')
  segment(
    @Param('videoId') videoId: string,
    @Param('rendition') rendition: string,
    @Param('file') file: string,
    @Headers('range') range: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.send(videoId, `hls/${rendition}/${file}`, range, reply);
  }

  private async send(videoId: string, path: string, range: string | undefined, reply: FastifyReply) {
    const file = await this.videos.publicFile(videoId, path);
    if (!file || !(await sendStoredFile(reply, this.videos.storage, file, range))) throw videoNotFound();
  }
}
