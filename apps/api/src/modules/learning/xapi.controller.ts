import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { scopeFor, XAPI_VERBS, XAPI_VERSION } from '@hocvuso/domain';
import {
  type XapiStatementsQuery,
  xapiStatementsQuerySchema,
  xapiStatementsResponseSchema,
} from '@hocvuso/contracts';
import { queryStatements, xapiConsistentThrough } from '@hocvuso/db';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { requireCapability } from '../../common/guards/require-capability';
import { ApiQueryFrom, ApiResponseFrom } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';

/**
 * A read-only, LRS-style view of the learning records (xAPI 1.0.3 GET /statements subset): filter by agent
 * (`account.homePage` and `account.name`), verb, activity and stored time, newest first unless `ascending=true`,
 * paged with an opaque `more` link. Administrators only, and only the records of learners in their scope (a system
 * administrator sees all).
 *
 * Paging is safe under concurrent writes: a read returns only statements stored before
 * `X-Experience-API-Consistent-Through` (no statement stored before it can still be committed), so a statement that
 * commits late is never jumped over by a cursor. Times are compared to the millisecond, as `stored` is shown.
 * Every answer, errors included, carries `X-Experience-API-Version` (set for /api/xapi/ in create-app).
 */
@ApiTags('xapi')
@Controller('xapi')
export class XapiController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('statements')
  @ApiQueryFrom(xapiStatementsQuerySchema)
  @ApiResponseFrom(xapiStatementsResponseSchema)
  async statements(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(xapiStatementsQuerySchema)) q: XapiStatementsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    requireCapability(user, 'record.read', 'Only administrators may read learning records.');
    void reply.header('x-experience-api-version', XAPI_VERSION).header('cache-control', 'no-store');
    // First the horizon, then (in a later statement, so a later snapshot) the statements before it.
    const consistentThrough = await xapiConsistentThrough(this.db);
    void reply.header('x-experience-api-consistent-through', consistentThrough.toISOString());
    const verbId = q.verb ? Object.values(XAPI_VERBS).find((v) => v.id === q.verb) : undefined;
    const verbKey = verbId ? Object.entries(XAPI_VERBS).find(([, v]) => v === verbId)![0] : undefined;
    if (q.verb && !verbKey) return { statements: [], more: '' };
    const rows = await queryStatements(this.db, {
      actorName: q.agent?.account.name,
      actorHomePage: q.agent?.account.homePage,
      verb: verbKey,
      activityId: q.activity,
      since: q.since,
      until: q.until,
      consistentThrough,
      afterSeq: q.cursor,
      ascending: q.ascending,
      limit: q.limit,
      scope: scopeFor(user.grants, 'record.read'),
    });
    const page = rows.slice(0, q.limit);
    const more =
      rows.length > q.limit
        ? `/api/xapi/statements?${new URLSearchParams({
            ...(q.agent ? { agent: JSON.stringify(q.agent) } : {}),
            ...(q.verb ? { verb: q.verb } : {}),
            ...(q.activity ? { activity: q.activity } : {}),
            ...(q.since ? { since: q.since.toISOString() } : {}),
            ...(q.until ? { until: q.until.toISOString() } : {}),
            ...(q.ascending ? { ascending: 'true' } : {}),
            limit: String(q.limit),
            cursor: page[page.length - 1]!.stored_seq,
          }).toString()}`
        : '';
    return {
      statements: page.map((r) => ({ ...r.statement, stored: new Date(r.stored).toISOString() })),
      more,
    };
  }
}
