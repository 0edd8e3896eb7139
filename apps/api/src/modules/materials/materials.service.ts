import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  detectMaterialType,
  isImageMaterial,
  isUuid,
  NotFoundError,
  sanitiseMaterialName,
  ValidationError,
} from '@hocvuso/domain';
import {
  appendAudit,
  courseMaterial,
  type CourseMaterialRow,
  courseMaterials,
  insertCourseMaterial,
  isMaterialPublished,
  setCourseMaterialAltText,
} from '@hocvuso/db';
import { createStorage, type ObjectStorage } from '@hocvuso/storage';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { readLimitedBody } from '../../common/http/read-limited-body';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { CourseAccessService } from '../teaching/course-access.service';
import { pdfInfo } from './pdf-info';

const materialNotFound = () =>
  new NotFoundError('MATERIAL_NOT_FOUND', 'There is no such material in this course.');

/**
 * Studio materials (docs/materials.md): a teacher of a studio course uploads a PDF, an image or an office
 * document; the bytes are read with a size limit, typed by their content, hashed, and stored under a key the
 * server makes (`materials/<course>/<sha256>`); only then is the row written. A refused upload stores nothing.
 */
@Injectable()
export class MaterialsService {
  private readonly storage: ObjectStorage;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CourseAccessService) private readonly access: CourseAccessService,
  ) {
    this.storage = createStorage(config.storage);
  }

  async upload(
    user: AuthUser,
    courseId: string,
    input: { name: string | undefined; altText: string | undefined; declaredLength: number | undefined },
    body: unknown,
  ) {
    await this.access.requireStudio(user, courseId);
    const max = this.config.materialMaxBytes;
    if (input.declaredLength !== undefined && input.declaredLength > max) throw tooLarge(max);
    const bytes = await readLimitedBody(body, max, {
      tooLarge: () => tooLarge(max),
      notStream: () =>
        new ValidationError(
          'MATERIAL_NOT_OCTET_STREAM',
          'Send the file itself as the body, with Content-Type: application/octet-stream.',
        ),
    });
    const mediaType = detectMaterialType(bytes);
    const originalName = sanitiseMaterialName(input.name ?? '', mediaType);
    const altText = cleanAltText(input.altText);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    let pageCount: number | null = null;
    let extractedText: string | null = null;
    if (mediaType === 'application/pdf') {
      const info = pdfInfo(bytes);
      if (info.pageCount === 0)
        throw new ValidationError('MATERIAL_CORRUPT', 'This PDF has no pages; export it again.');
      pageCount = info.pageCount;
      extractedText = info.text;
    }
    // Same bytes, same key: a second (or concurrent) upload rewrites identical content, never a stray file.
    const storageKey = `materials/${courseId}/${sha256}`;
    await this.storage.put(storageKey, bytes, mediaType);
    const { row, created } = await this.db.transaction(async (tx) => {
      const result = await insertCourseMaterial(tx, {
        courseId,
        originalName,
        mediaType,
        sizeBytes: bytes.length,
        sha256,
        storageKey,
        pageCount,
        extractedText,
        altText: isImageMaterial(mediaType) ? altText : null,
        uploadedBy: user.id,
      });
      if (result.created)
        await appendAudit(tx, {
          actor: user.id,
          action: 'course.material.upload',
          subjectType: 'course',
          subjectId: courseId,
          after: { materialId: result.row.id, mediaType, sizeBytes: bytes.length, sha256 },
        });
      return result;
    });
    return { ...toMaterial(row), created };
  }

  async list(user: AuthUser, courseId: string) {
    await this.access.require(user, courseId, 'read');
    return { items: (await courseMaterials(this.db, courseId)).map(toMaterial) };
  }

  async setAltText(user: AuthUser, courseId: string, materialId: string, altText: unknown) {
    await this.access.require(user, courseId, 'edit');
    const text = cleanAltText(typeof altText === 'string' ? altText : undefined);
    if (!text)
      throw new ValidationError(
        'MATERIAL_ALT_TEXT_REQUIRED',
        'Describe the image in a few words (alt text).',
        {
          field: 'altText',
        },
      );
    const m = isUuid(materialId) ? await courseMaterial(this.db, courseId, materialId) : undefined;
    if (!m) throw materialNotFound();
    if (!isImageMaterial(m.media_type))
      throw new ValidationError('MATERIAL_NOT_IMAGE', 'Only images have alt text.', { field: 'altText' });
    await setCourseMaterialAltText(this.db, courseId, materialId, text);
    return toMaterial({ ...m, alt_text: text });
  }

  /** The file and how to send it; a missing row or file answers 404 MATERIAL_NOT_FOUND. */
  async download(user: AuthUser, courseId: string, materialId: string) {
    await this.access.require(user, courseId, 'read');
    const m = isUuid(materialId) ? await courseMaterial(this.db, courseId, materialId) : undefined;
    if (!m) throw materialNotFound();
    const body = await this.storage.get(m.storage_key);
    if (!body) throw materialNotFound();
    return { body, mediaType: m.media_type, name: m.original_name };
  }

  /**
   * A material a published document lesson shows, for anyone who may open the lesson (course media are public,
   * as `/media/` is for file courses); a draft-only material, or one of another course, is 404.
   */
  async downloadPublished(courseId: string, materialId: string) {
    if (!isUuid(materialId) || !(await isMaterialPublished(this.db, courseId, materialId)))
      throw materialNotFound();
    const m = await courseMaterial(this.db, courseId, materialId);
    const body = m ? await this.storage.get(m.storage_key) : undefined;
    if (!m || !body) throw materialNotFound();
    return { body, mediaType: m.media_type, name: m.original_name };
  }
}

const tooLarge = (max: number) =>
  new ValidationError(
    'MATERIAL_TOO_LARGE',
    `The file is larger than the ${Math.floor(max / (1024 * 1024))} MB allowed; compress it or split it.`,
    { maxBytes: max },
  );

function cleanAltText(raw: string | undefined): string | null {
  const text = (raw ?? '')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ')
    .trim();
  if (text.length > 500)
    throw new ValidationError('MATERIAL_ALT_TEXT_TOO_LONG', 'Keep the alt text under 500 characters.', {
      field: 'altText',
    });
  return text === '' ? null : text;
}

export function toMaterial(m: CourseMaterialRow) {
  return {
    id: m.id,
    name: m.original_name,
    mediaType: m.media_type,
    sizeBytes: Number(m.size_bytes),
    sha256: m.sha256,
    pageCount: m.page_count,
    altText: m.alt_text,
    textExtracted: (m.extracted_text ?? '').length > 0,
    createdAt: m.created_at,
  };
}
