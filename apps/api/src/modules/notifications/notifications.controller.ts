import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  type MailOutboxResponse,
  type MarkNotificationsReadRequest,
  markNotificationsReadRequestSchema,
  type MarkNotificationsReadResponse,
  type NotificationPreferences,
  notificationPreferencesSchema,
  type NotificationsQuery,
  notificationsQuerySchema,
  type NotificationsResponse,
  mailOutboxResponseSchema,
  markNotificationsReadResponseSchema,
  notificationsResponseSchema,
  unsubscribedResponseSchema,
  unsubscribeQuerySchema,
} from '@hocvuso/contracts';
import { isDomainError } from '@hocvuso/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { ApiMediaResponse, ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { NotificationsService } from './notifications.service';
import { invalidLinkPage, unsubscribedPage } from './unsubscribe-page';

const wantsHtml = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(@Inject(NotificationsService) private readonly notifications: NotificationsService) {}

  /** The bell: latest 50 notifications, newest first, and the unread count. */
  @Get('me/notifications')
  @ApiQueryFrom(notificationsQuerySchema)
  @ApiResponseFrom(notificationsResponseSchema)
  inbox(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(notificationsQuerySchema)) q: NotificationsQuery,
  ): Promise<NotificationsResponse> {
    return this.notifications.inbox(user.id, q.lang);
  }

  /** Marks the given notifications read, or all of them when `ids` is absent or empty. */
  @Post('me/notifications/read')
  @HttpCode(200)
  @ApiResponseFrom(markNotificationsReadResponseSchema)
  @ApiBody({ schema: zodSchema(markNotificationsReadRequestSchema) })
  markRead(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(markNotificationsReadRequestSchema)) body: MarkNotificationsReadRequest,
  ): Promise<MarkNotificationsReadResponse> {
    return this.notifications.markRead(user.id, body.ids);
  }

  @Get('me/notification-preferences')
  @ApiResponseFrom(notificationPreferencesSchema)
  preferences(@CurrentUser() user: AuthUser): Promise<NotificationPreferences> {
    return this.notifications.preferences(user.id);
  }

  @Put('me/notification-preferences')
  @ApiResponseFrom(notificationPreferencesSchema)
  @ApiBody({ schema: zodSchema(notificationPreferencesSchema) })
  savePreferences(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(notificationPreferencesSchema)) body: NotificationPreferences,
  ): Promise<NotificationPreferences> {
    return this.notifications.savePreferences(user.id, body);
  }

  /**
   * The unsubscribe link of a reminder e-mail, opened in a browser: turns reminders off and answers a short
   * confirmation page in Vietnamese and English. A wrong or altered token answers 400 INVALID_TOKEN (as a page
   * for browsers, as the JSON error otherwise).
   */
  @Public()
  @Get('notifications/unsubscribe')
  @ApiQueryFrom(unsubscribeQuerySchema)
  @ApiMediaResponse('text/html; charset=utf-8', 200, 'A confirmation page')
  async unsubscribePage(
    @Query('token') token: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      await this.notifications.unsubscribe(token);
    } catch (e) {
      if (isDomainError(e) && e.code === 'INVALID_TOKEN' && wantsHtml(request)) {
        void reply
          .status(400)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(invalidLinkPage());
        return;
      }
      throw e;
    }
    void reply
      .status(200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(unsubscribedPage());
  }

  /** RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to the same address. */
  @Public()
  @Post('notifications/unsubscribe')
  @HttpCode(200)
  @ApiQueryFrom(unsubscribeQuerySchema)
  @ApiResponseFrom(unsubscribedResponseSchema)
  async unsubscribeOneClick(@Query('token') token: string | undefined): Promise<{ unsubscribed: true }> {
    await this.notifications.unsubscribe(token);
    return { unsubscribed: true };
  }

  /** The latest 100 e-mails: in tier 0 without SMTP, the only place they can be read. System administrators only. */
  @Get('admin/mail-outbox')
  @ApiResponseFrom(mailOutboxResponseSchema)
  async mailOutbox(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MailOutboxResponse> {
    void reply.header('cache-control', 'no-store');
    return { items: await this.notifications.mailOutbox(user) };
  }
}
