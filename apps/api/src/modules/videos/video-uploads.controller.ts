import { Controller, Delete, Head, Inject, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiEmptyResponse, ApiMediaResponse } from '../../common/http/openapi';
import { CourseIdPipe } from '../catalog/course-id.pipe';
import { VideoUploadsService } from './video-uploads.service';

/**
 * Resumable video uploads over the tus 1.0 protocol (docs/video-pipeline.md): POST starts one (Upload-Length,
 * Upload-Metadata `filename`), HEAD says how much arrived, PATCH sends more, DELETE gives up. The upload's URL
 * (Location) ends with the video's id. Answers are tus-node's; refusals carry the api's error shape.
 */
@ApiTags('teaching')
@ApiHeader({ name: 'tus-resumable', description: '1.0.0', required: true })
@Controller('teaching/courses/:courseId/videos/uploads')
export class VideoUploadsController {
  constructor(@Inject(VideoUploadsService) private readonly uploads: VideoUploadsService) {}

  @Post()
  @ApiMediaResponse('text/plain', 201, 'Created (empty body); Location is the upload URL')
  create(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.uploads.create(user, courseId, req, reply);
  }

  @Head(':uploadId')
  @ApiEmptyResponse(204, 'Upload-Offset says how many bytes arrived')
  offset(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Param('uploadId') uploadId: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.uploads.resume(user, courseId, uploadId, req, reply);
  }

  @Patch(':uploadId')
  @ApiEmptyResponse(204, 'Bytes stored; on the last one, the video was checked and recorded')
  append(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Param('uploadId') uploadId: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.uploads.resume(user, courseId, uploadId, req, reply);
  }

  @Delete(':uploadId')
  @ApiEmptyResponse(204, 'Upload cancelled and its bytes deleted')
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Param('uploadId') uploadId: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.uploads.resume(user, courseId, uploadId, req, reply);
  }
}
