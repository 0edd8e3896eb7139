import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  attendanceSchema,
  attendeeListSchema,
  type CheckInInput,
  checkInCodeSchema,
  checkInInputSchema,
  type CommunitySessionInput,
  communitySessionInputSchema,
  communitySessionListQuerySchema,
  communitySessionListSchema,
  communitySessionSchema,
  type CommunitySessionListQuery,
  type HostCheckInInput,
  hostCheckInInputSchema,
  sessionPeopleQuerySchema,
  sessionPeopleSchema,
  sessionsHeldQuerySchema,
  sessionsHeldSchema,
} from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { RequireCapability } from '../../common/guards/capability.guard';
import { ApiMediaResponse, ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { CheckInsService } from './check-ins.service';
import { CommunitySessionsService } from './community-sessions.service';
import { sessionCalendar } from './session-calendar';

const HOST = 'This needs a session host.';

/** Weekly community sessions: scheduling, the commune's list and calendar, check-in (docs/community-sessions.md). */
@ApiTags('community')
@Controller()
export class CommunitySessionsController {
  constructor(
    @Inject(CommunitySessionsService) private readonly sessions: CommunitySessionsService,
    @Inject(CheckInsService) private readonly checkIns: CheckInsService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Post('community-sessions')
  @RequireCapability('session.host', HOST)
  @ApiResponseFrom(communitySessionSchema, 201)
  @ApiBody({ schema: zodSchema(communitySessionInputSchema) })
  schedule(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(communitySessionInputSchema)) body: CommunitySessionInput,
  ) {
    return this.sessions.schedule(user, body);
  }

  /** The sessions of the host's area. */
  @Get('community-sessions/hosted')
  @RequireCapability('session.host', HOST)
  @ApiQueryFrom(communitySessionListQuerySchema)
  @ApiResponseFrom(communitySessionListSchema)
  hosted(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(communitySessionListQuerySchema)) q: CommunitySessionListQuery,
  ) {
    return this.sessions.hostedList(user, q);
  }

  /** An attendee checks in with the scanned QR (session and code) or a typed code. */
  @Post('community-sessions/check-in')
  @HttpCode(200)
  @ApiResponseFrom(attendanceSchema)
  @ApiBody({ schema: zodSchema(checkInInputSchema) })
  checkIn(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(checkInInputSchema)) body: CheckInInput & { code: string },
  ) {
    return this.checkIns.checkIn(user, {
      sessionId: body.sessionId,
      code: body.code,
      position: body.position ?? null,
    });
  }

  @Public()
  @Get('community-sessions/:id')
  @ApiResponseFrom(communitySessionSchema)
  one(@Param('id') id: string) {
    return this.sessions.one(id);
  }

  @Post('community-sessions/:id/cancel')
  @HttpCode(200)
  @RequireCapability('session.host', HOST)
  @ApiResponseFrom(communitySessionSchema)
  cancel(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.sessions.cancel(user, id);
  }

  /** The host's current rotating code and the path its QR encodes. */
  @Get('community-sessions/:id/check-in-code')
  @RequireCapability('session.host', HOST)
  @ApiResponseFrom(checkInCodeSchema)
  async code(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    void reply.header('Cache-Control', 'no-store');
    return this.checkIns.currentCode(user, id);
  }

  @Get('community-sessions/:id/attendees')
  @RequireCapability('session.host', HOST)
  @ApiResponseFrom(attendeeListSchema)
  attendees(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.checkIns.attendees(user, id);
  }

  /** A host checks in a person of the commune (also the offline queue's sync, with its idempotency key). */
  @Post('community-sessions/:id/attendance')
  @RequireCapability('session.host', HOST)
  @ApiResponseFrom(attendanceSchema, 201)
  @ApiBody({ schema: zodSchema(hostCheckInInputSchema) })
  async hostCheckIn(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(hostCheckInInputSchema)) body: HostCheckInInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const attendance = await this.checkIns.hostCheckIn(user, id, body);
    if (!attendance.created) void reply.status(200);
    return attendance;
  }

  @Get('community-sessions/:id/people')
  @RequireCapability('session.host', HOST)
  @ApiQueryFrom(sessionPeopleQuerySchema)
  @ApiResponseFrom(sessionPeopleSchema)
  people(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query(new ZodValidationPipe(sessionPeopleQuerySchema)) q: { q: string },
  ) {
    return this.checkIns.people(user, id, q.q);
  }

  /** The sessions of one commune (public: the commune's notice board). */
  @Public()
  @Get('units/:unitId/community-sessions')
  @ApiQueryFrom(communitySessionListQuerySchema)
  @ApiResponseFrom(communitySessionListSchema)
  ofUnit(
    @Param('unitId') unitId: string,
    @Query(new ZodValidationPipe(communitySessionListQuerySchema)) q: CommunitySessionListQuery,
  ) {
    return this.sessions.ofUnit(unitId, q);
  }

  /** The commune's sessions as an iCalendar feed (RFC 5545) a calendar app subscribes to. */
  @Public()
  @Get('units/:unitId/community-sessions.ics')
  @ApiMediaResponse('text/calendar')
  async calendar(@Param('unitId') unitId: string, @Res() reply: FastifyReply) {
    const { unitName, items } = await this.sessions.calendarOf(unitId);
    const base = this.config.publicUrl;
    const body = sessionCalendar({ id: unitId, name: unitName }, items, {
      host: new URL(base).host,
      sessionUrl: (id) => `${base}/sinh-hoat/${id}`,
    });
    await reply
      .status(200)
      .header('Content-Type', 'text/calendar; charset=utf-8')
      .header('Content-Disposition', `inline; filename="sinh-hoat-cong-dong.ics"`)
      .header('Cache-Control', 'public, max-age=300')
      .send(body);
  }

  /** How many sessions below a unit count as held (countSessionsHeld: enough people, scheduled beforehand). */
  @Get('units/:unitId/community-sessions/held')
  @RequireCapability('report.read', 'This needs a report reader.')
  @ApiQueryFrom(sessionsHeldQuerySchema)
  @ApiResponseFrom(sessionsHeldSchema)
  held(
    @CurrentUser() user: AuthUser,
    @Param('unitId') unitId: string,
    @Query(new ZodValidationPipe(sessionsHeldQuerySchema)) q: { from: string; to: string },
  ) {
    return this.sessions.held(user, unitId, q);
  }
}
