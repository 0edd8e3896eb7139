import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { languagesResponseSchema } from '@hocvuso/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/public.decorator';
import { sendCacheable } from '../../common/http/etag';
import { ApiResponseFrom } from '../../common/http/openapi';
import { LanguagesService } from './languages.service';

@ApiTags('languages')
@Controller()
export class LanguagesController {
  constructor(@Inject(LanguagesService) private readonly languages: LanguagesService) {}

  /**
   * The configured languages (content/languages.yaml): code, endonym, names, script, direction, whether the
   * interface and/or content may use it, and its status. Read at start, so cached for five minutes like the
   * frameworks, with an ETag.
   */
  @Public()
  @Get('languages')
  @ApiResponseFrom(languagesResponseSchema)
  list(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendCacheable(request, reply, this.languages.list(), 300);
  }
}
