import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { scopeFor } from '@hocvuso/domain';
import { auditPageSchema, type AuditQuery, auditQuerySchema } from '@hocvuso/contracts';
import { queryAudit } from '@hocvuso/db';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { requireCapability } from '../../common/guards/require-capability';
import { ApiQueryFrom, ApiResponseFrom } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';

/**
 * The audit log, read-only (the table refuses UPDATE and DELETE): who did what, to whom, when, in which
 * scope, before and after, and why. Administrators read what lies in their area; system admins read all.
 */
@ApiTags('audit')
@Controller('admin/audit-log')
export class AuditController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @ApiQueryFrom(auditQuerySchema)
  @ApiResponseFrom(auditPageSchema)
  async list(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(auditQuerySchema)) q: AuditQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    requireCapability(user, 'audit.read', 'This needs an administrator role.');
    void reply.header('cache-control', 'no-store');
    const rows = await queryAudit(this.db, scopeFor(user.grants, 'audit.read'), {
      action: q.action,
      subjectId: q.subjectId,
      actorId: q.actorId,
      since: q.since,
      until: q.until,
      beforeId: q.before,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor_user_id ? { id: r.actor_user_id, displayName: r.actor_name } : null,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        scope: r.scope,
        before: r.before,
        after: r.after,
        reason: r.reason,
      })),
      /** Pass as `before` for the next (older) page; null on the last page. */
      next: rows.length > q.limit ? page[page.length - 1]!.id : null,
    };
  }
}
