import { loginRequestSchema, logoutResponseSchema, meResponseSchema } from '@jasmin/shared/auth/schemas';
import type { Request, Response } from 'express';
import { AppError } from '../../lib/app-error';
import { defineRoute } from '../../lib/route-table';
import { getMe, login, logout } from './auth.service';
import { SECURE_SESSION_COOKIE, SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_COOKIE } from './session-policy';

/** HttpOnly, SameSite=Strict; over HTTPS `Secure` with the `__Host-` prefix. */
function setSessionCookie(req: Request, res: Response, secret: string): void {
  res.cookie(req.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: SESSION_ABSOLUTE_TIMEOUT_MS,
  });
}

function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(req.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
  });
}

export const authRoutes = [
  defineRoute({
    operationId: 'login',
    method: 'post',
    path: '/auth/login',
    summary: 'Se connecter (adresse électronique + mot de passe)',
    tags: ['Authentification'],
    policy: { kind: 'public' },
    request: { body: loginRequestSchema },
    response: { status: 200, schema: meResponseSchema, description: 'Connecté : la session est dans un cookie HttpOnly.' },
    errors: ['VALIDATION_FAILED', 'INVALID_CREDENTIALS', 'RATE_LIMITED', 'CSRF_REJECTED'],
    async handler({ body }, ctx) {
      const session = await login(ctx.deps, ctx.meta, body);
      setSessionCookie(ctx.req, ctx.res, session.secret);
      return getMe(ctx.deps, session.actor);
    },
  }),
  defineRoute({
    operationId: 'logout',
    method: 'post',
    path: '/auth/logout',
    summary: 'Se déconnecter (met fin à la session)',
    tags: ['Authentification'],
    policy: { kind: 'session' },
    response: { status: 200, schema: logoutResponseSchema, description: 'Session terminée.' },
    errors: ['UNAUTHENTICATED', 'SESSION_EXPIRED', 'CSRF_REJECTED'],
    async handler(_input, ctx) {
      await logout(ctx.deps, ctx.meta);
      clearSessionCookie(ctx.req, ctx.res);
      return { loggedOut: true as const };
    },
  }),
  defineRoute({
    operationId: 'getMe',
    method: 'get',
    path: '/auth/me',
    summary: 'La personne connectée, son rôle et son périmètre',
    tags: ['Authentification'],
    policy: { kind: 'session' },
    response: { status: 200, schema: meResponseSchema, description: 'Personne connectée.' },
    errors: ['UNAUTHENTICATED', 'SESSION_EXPIRED'],
    async handler(_input, ctx) {
      const actor = ctx.meta.actor;
      if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
      return getMe(ctx.deps, actor);
    },
  }),
];
