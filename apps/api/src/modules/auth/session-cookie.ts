import type { FastifyReply } from 'fastify';
import type { ApiConfig } from '../../config/api.config';

export const SESSION_COOKIE = 'hvs_session';

/** The session cookie: httpOnly (no script can read it), signed, SameSite=Lax, Secure in production. */
export function setSessionCookie(reply: FastifyReply, token: string, config: ApiConfig): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    signed: true,
    maxAge: config.sessionTtlDays * 24 * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: ApiConfig): void {
  void reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
  });
}
