import { Body, Controller, Get, Headers, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  materialAltTextSchema,
  materialSchema,
  materialsResponseSchema,
  materialUploadedSchema,
} from '@hocvuso/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { ApiMediaResponse, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { CourseIdPipe } from '../catalog/course-id.pipe';
import { MaterialsService } from './materials.service';

/** `attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Studio materials (docs/materials.md). Upload: the file as the body (`application/octet-stream`), its name in
 * `?name=`, an image's alt text in `?altText=`. Downloads are always attachments with nosniff, so nothing a
 * teacher uploads runs in the platform's origin.
 */
@ApiTags('teaching')
@Controller('teaching/courses/:courseId/materials')
export class MaterialsController {
  constructor(@Inject(MaterialsService) private readonly materials: MaterialsService) {}

  @Post()
  @ApiConsumes('application/octet-stream')
  @ApiResponseFrom(materialUploadedSchema, 201)
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Query('name') name: unknown,
    @Query('altText') altText: unknown,
    @Headers('content-length') length: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.materials.upload(
      user,
      courseId,
      {
        name: typeof name === 'string' ? name : undefined,
        altText: typeof altText === 'string' ? altText : undefined,
        declaredLength: length && /^\d+$/.test(length) ? Number(length) : undefined,
      },
      req.body,
    );
    void reply.status(result.created ? 201 : 200).header('cache-control', 'no-store');
    return result;
  }

  @Get()
  @ApiResponseFrom(materialsResponseSchema)
  list(@CurrentUser() user: AuthUser, @Param('courseId', CourseIdPipe) courseId: string) {
    return this.materials.list(user, courseId);
  }

  @Put(':materialId/alt-text')
  @ApiResponseFrom(materialSchema)
  @ApiBody({ schema: zodSchema(materialAltTextSchema) })
  setAltText(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Param('materialId') materialId: string,
    @Body() body: { altText?: unknown } | undefined,
  ) {
    return this.materials.setAltText(user, courseId, materialId, body?.altText);
  }

  @Get(':materialId/file')
  @ApiMediaResponse('application/octet-stream')
  async download(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Param('materialId') materialId: string,
    @Res() reply: FastifyReply,
  ) {
    sendMaterial(reply, await this.materials.download(user, courseId, materialId), 'private, no-store');
  }
}

/**
 * The file of a published studio document lesson, for learners (MediaService builds this URL from the lesson's
 * `materials/<id>` source). Same headers as the studio download: an attachment, nosniff, a sandbox CSP.
 */
@ApiTags('catalog')
@Controller('courses/:courseId/materials')
export class PublishedMaterialsController {
  constructor(@Inject(MaterialsService) private readonly materials: MaterialsService) {}

  @Public()
  @Get(':materialId/file')
  @ApiMediaResponse('application/octet-stream')
  async download(
    @Param('courseId', CourseIdPipe) courseId: string,
    @Param('materialId') materialId: string,
    @Res() reply: FastifyReply,
  ) {
    sendMaterial(reply, await this.materials.downloadPublished(courseId, materialId), 'public, max-age=3600');
  }
}

function sendMaterial(
  reply: FastifyReply,
  file: { body: Buffer; mediaType: string; name: string },
  cacheControl: string,
) {
  void reply
    .status(200)
    .headers({
      'content-type': file.mediaType,
      'content-disposition': contentDisposition(file.name),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': cacheControl,
    })
    .send(file.body);
}
