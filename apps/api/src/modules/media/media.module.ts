import { Module } from '@nestjs/common';
import { MediaService } from './media.service';

/** Course media: URLs for lesson media references (serving: media-routes.ts, registered by create-app). */
@Module({
  providers: [MediaService],
  exports: [MediaService],
})
export class MediaModule {}
