import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  type CourseCopyRequest,
  courseCopyRequestSchema,
  courseCreatedFromFilesSchema,
  type CourseExportQuery,
  courseExportQuerySchema,
  type CourseImportQuery,
  courseImportQuerySchema,
} from '@hocvuso/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiMediaResponse, ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { CourseIdPipe } from '../catalog/course-id.pipe';
import { contentDisposition } from '../materials/materials.controller';
import { CourseTransferService } from './course-transfer.service';

/** Courses as files (docs/course-export.md): export, import, copy a file course into the studio. */
@ApiTags('teaching')
@Controller('teaching/courses')
export class CourseTransferController {
  constructor(@Inject(CourseTransferService) private readonly transfer: CourseTransferService) {}

  @Get(':courseId/export')
  @ApiQueryFrom(courseExportQuerySchema)
  @ApiMediaResponse('application/zip')
  async export(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Query(new ZodValidationPipe(courseExportQuerySchema)) q: CourseExportQuery,
    @Res() reply: FastifyReply,
  ) {
    const { fileName, zip } = await this.transfer.export(user, courseId, q.of);
    void reply
      .status(200)
      .headers({
        'content-type': 'application/zip',
        'content-disposition': contentDisposition(fileName),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      })
      .send(zip);
  }

  @Post('import')
  @ApiConsumes('application/zip')
  @ApiQueryFrom(courseImportQuerySchema)
  @ApiResponseFrom(courseCreatedFromFilesSchema, 201)
  import(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(courseImportQuerySchema)) q: CourseImportQuery,
    @Headers('content-length') length: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const declared = length && /^\d+$/.test(length) ? Number(length) : undefined;
    return this.transfer.import(user, req.body, q.id, declared);
  }

  @Post(':courseId/copy-to-studio')
  @HttpCode(201)
  @ApiResponseFrom(courseCreatedFromFilesSchema, 201)
  @ApiBody({ schema: zodSchema(courseCopyRequestSchema) })
  copy(
    @CurrentUser() user: AuthUser,
    @Param('courseId', CourseIdPipe) courseId: string,
    @Body(new ZodValidationPipe(courseCopyRequestSchema)) body: CourseCopyRequest,
  ) {
    return this.transfer.copyToStudio(user, courseId, body?.id);
  }
}
