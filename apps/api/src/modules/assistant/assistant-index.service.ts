import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { LOGGER } from '../../common/logging/logger.token';
import { indexAssistantPassages } from './assistant-index';

/** Keeps the assistant's index up to date with what is published (docs/assistant.md "Index"). */
@Injectable()
export class AssistantIndexService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * After a publish has committed: indexes the course's lessons not indexed yet. A failure is logged and does not
   * undo the publish; `cli assistant:reindex` repairs the index.
   */
  async afterPublish(courseId: string): Promise<void> {
    try {
      const outcome = await indexAssistantPassages(this.db, { courseId });
      this.logger.info({ courseId, ...outcome }, 'assistant: course indexed');
    } catch (e) {
      this.logger.error(
        { courseId, err: e },
        'assistant: indexing after publish failed; run cli assistant:reindex',
      );
    }
  }
}
