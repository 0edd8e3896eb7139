import type { CaptionValidateQuery, CaptionValidation } from '@hocvuso/contracts';
import { parseWebVtt, ValidationError } from '@hocvuso/domain';
import { Injectable } from '@nestjs/common';

/**
 * Caption files (WebVTT) for video lessons. Today the studio has no video lessons of its own, so a teacher
 * checks a file here before it is attached (docs/captions.md); the video upload will call `check` and refuse
 * a file with errors, storing nothing.
 */
@Injectable()
export class CaptionsService {
  /** Every problem of the file, each with its line and stable code. The file is not kept. */
  validate(body: unknown, query: CaptionValidateQuery): CaptionValidation {
    if (!Buffer.isBuffer(body))
      throw new ValidationError(
        'CAPTIONS_NOT_VTT',
        'Send the caption file itself as the body, with Content-Type: text/vtt.',
      );
    const result = parseWebVtt(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), {
      durationSeconds: query.durationSeconds,
      minCoverage: query.minCoverage,
    });
    return {
      ok: result.ok,
      cueCount: result.cues.length,
      coverage: result.coverage ?? null,
      errors: result.errors,
      warnings: result.warnings,
    };
  }
}
