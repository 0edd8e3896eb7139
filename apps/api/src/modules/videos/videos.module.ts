import { Module } from '@nestjs/common';
import { CourseAccessService } from '../teaching/course-access.service';
import { VideoCaptionsService } from './video-captions.service';
import { VideoUploadsController } from './video-uploads.controller';
import { VideoUploadsService } from './video-uploads.service';
import { CourseVideosController, VideoFilesController } from './videos.controller';
import { VideosService } from './videos.service';

/** Studio videos: tus uploads checked by content and ffprobe, their status, and their files for players. */
@Module({
  controllers: [VideoUploadsController, CourseVideosController, VideoFilesController],
  providers: [VideoUploadsService, VideosService, VideoCaptionsService, CourseAccessService],
  exports: [VideosService],
})
export class VideosModule {}
