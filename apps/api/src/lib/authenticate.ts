import { parse as parseCookies } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';
import type { AppContext } from '../app-context';
import { actorFromSession, actorFromToken } from '../modules/auth/auth.service';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../modules/auth/session-policy';
import type { Actor } from './actor';
import { AppError } from './app-error';
import { requestIdOf } from './request-id';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readSessionSecret(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const cookies = parseCookies(header);
  return (req.secure ? cookies[SECURE_SESSION_COOKIE] : undefined) ?? cookies[SESSION_COOKIE];
}

/**
 * CSRF: a browser tells where a request comes from (Sec-Fetch-Site, Origin). A write that a
 * browser sends from another site is refused. Programs (no such headers) are not browsers and
 * carry no victim's cookie.
 */
export const csrfGuard: RequestHandler = (req, _res, next) => {
  if (!SAFE_METHODS.has(req.method)) {
    const site = req.get('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new AppError('CSRF_REJECTED');
    const origin = req.get('origin');
    if (origin !== undefined && origin !== `${req.protocol}://${req.get('host')}`) throw new AppError('CSRF_REJECTED');
  }
  next();
};

/** Who is asking: the session cookie's user, the Bearer token's program, or nobody. */
export async function resolveActor(app: AppContext, req: Request, res: Response): Promise<Actor> {
  const deps = { db: app.db, now: app.now };
  const authorization = req.get('authorization');
  if (authorization !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization);
    return match?.[1]
      ? actorFromToken(deps, { requestId: requestIdOf(res), ip: req.ip }, match[1], req.path)
      : { kind: 'anonymous', reason: 'INVALID_TOKEN' };
  }
  const secret = readSessionSecret(req);
  return secret ? actorFromSession(deps, secret) : { kind: 'anonymous' };
}
