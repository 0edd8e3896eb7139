import { captionValidateQuerySchema, captionValidationSchema } from '@hocvuso/contracts';
import { Body, Controller, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireCapability } from '../../common/guards/capability.guard';
import { ApiQueryFrom, ApiResponseFrom } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { CaptionsService } from './captions.service';

@ApiTags('teaching')
@Controller('teaching/captions')
export class CaptionsController {
  constructor(@Inject(CaptionsService) private readonly captions: CaptionsService) {}

  /**
   * Checks a WebVTT caption file (body: the file, `text/vtt`, up to 1 MiB) against the video's duration:
   * 200 with `ok` and every error and warning with its line and code (docs/captions.md). Nothing is stored.
   */
  @Post('validate')
  @RequireCapability('course.create', 'Checking captions needs the teacher role.')
  @HttpCode(200)
  @ApiConsumes('text/vtt')
  @ApiQueryFrom(captionValidateQuerySchema)
  @ApiResponseFrom(captionValidationSchema)
  validate(@Body() body: unknown, @Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('cache-control', 'no-store');
    return this.captions.validate(body, new ZodValidationPipe(captionValidateQuerySchema).transform(query));
  }
}
