import type { PipeTransform } from '@nestjs/common';
import { NotFoundError } from '@hocvuso/domain';

/** Course ids are kebab-case slugs; anything else cannot exist, so it is a 404 without a query. */
export class CourseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) || value.length > 100) {
      throw new NotFoundError('COURSE_NOT_FOUND', 'There is no such course.');
    }
    return value;
  }
}
