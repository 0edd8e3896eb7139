import { type PipeTransform } from '@nestjs/common';
import { ValidationError } from '@hocvuso/domain';
import type { z } from 'zod';

/**
 * Validates a body or query against a contracts schema. Strict schemas reject unknown fields; every problem
 * is listed in `details` with its field path, so the client can show it next to the right input.
 */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const details = result.error.issues.map((i) => ({
      path: i.path.join('.'),
      code: i.code,
      message: i.message,
      ...('keys' in i ? { keys: i.keys } : {}),
    }));
    throw new ValidationError('VALIDATION_FAILED', 'The request is not valid; see details.', details);
  }
}
