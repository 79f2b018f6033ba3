import type { OnApplicationShutdown } from '@nestjs/common';
import type connectPgSimple from 'connect-pg-simple';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import type { WebConfig } from '../../../../libs/config/src';
import type { FieldCipher } from '../../../../libs/persistence/src';
import { SealedSessionStore } from './sealed-session.store';
import './session.types';

/** The session cookie's name; `__Host-` (Secure, host-only, path /) wherever cookies are Secure. */
export function sessionCookieName(config: WebConfig): string {
  return config.secureCookies ? '__Host-vetting-session' : 'vetting-session';
}

/**
 * Server-side sessions in PostgreSQL (table web_session, made by a migration): the browser holds only a signed,
 * httpOnly, SameSite=Lax cookie. Lax rather than Strict so the cookie comes back on the redirect from the
 * identity provider; every state-changing request also needs a CSRF token. The cookie and the stored row live
 * as long as the absolute timeout; the idle timeout is enforced here on the server (sessionTimeouts), which is
 * what lets the sign-in page say that a session ended rather than silently forgetting it.
 */
export function sessionMiddleware(config: WebConfig, store: SessionStore): RequestHandler {
  return session({
    name: sessionCookieName(config),
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    proxy: config.secureCookies,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
      maxAge: config.absoluteTimeoutMs,
    },
  });
}

export type SessionStore = connectPgSimple.PGStore;

/**
 * The sessions' table, each row sealed with the data keys (SealedSessionStore), pruned of expired rows every
 * 15 minutes. Its prune timer lives until close(), so whoever makes the store closes it when the web service
 * stops (SessionStoreLifecycle).
 */
export function sessionStore(pool: Pool, cipher: FieldCipher, logger: Logger): SessionStore {
  return new SealedSessionStore(cipher, logger, {
    pool,
    tableName: 'web_session',
    createTableIfMissing: false,
    pruneSessionInterval: 15 * 60,
  });
}

/** Closes the session store (its prune timer) and then its pool when the web service shuts down. */
export class SessionStoreLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly store: SessionStore,
    private readonly pool: Pool,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.store.close();
    await this.pool.end();
  }
}

/**
 * Ends a signed-in session that has been idle too long or has outlived the absolute limit, whatever the cookie
 * says: the person is treated as signed out and told why on the sign-in page.
 */
export function sessionTimeouts(config: WebConfig, now: () => number = Date.now): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const s = req.session;
    if (!s?.user) return next();
    const at = now();
    const idle = at - (s.lastSeenAt ?? 0) > config.idleTimeoutMs;
    const tooOld = at - (s.signedInAt ?? 0) > config.absoluteTimeoutMs;
    if (idle || tooOld) {
      s.regenerate((error) => {
        if (error) return next(error);
        req.session.endedBecause = 'expired';
        next();
      });
      return;
    }
    s.lastSeenAt = at;
    next();
  };
}

/**
 * Starts a signed-in session: a new session id (no fixation), the person, their token (and the provider's ID
 * token, for its sign-out) and the clocks.
 */
export function startSession(
  req: Request,
  user: NonNullable<Request['session']['user']>,
  accessToken: string,
  idToken?: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error) return reject(error instanceof Error ? error : new Error(String(error)));
      const now = Date.now();
      req.session.user = user;
      req.session.accessToken = accessToken;
      if (idToken) req.session.idToken = idToken;
      req.session.signedInAt = now;
      req.session.lastSeenAt = now;
      req.session.save((saveError) =>
        saveError ? reject(saveError instanceof Error ? saveError : new Error(String(saveError))) : resolve(),
      );
    });
  });
}

/** Ends the session: the row is deleted and a fresh anonymous session remembers why, for the sign-in page. */
export function endSession(req: Request, because: 'expired' | 'signed-out'): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error) return reject(error instanceof Error ? error : new Error(String(error)));
      req.session.endedBecause = because;
      req.session.save((saveError) =>
        saveError ? reject(saveError instanceof Error ? saveError : new Error(String(saveError))) : resolve(),
      );
    });
  });
}

/**
 * Writes the session to the store before the page is produced, and before a redirect leaves. express-session
 * saves a changed session when the response ends, but sends the headers and all but the last byte of the body
 * first; a browser then follows a redirect, or a quick person (or a test) submits the form it can already see,
 * while the save is still in flight. The next request reads the session from before, and whichever save lands
 * last wins: a flash message (the error summary after a refused form) went missing that way. Every signed-in
 * request changes the session (sessionTimeouts records when it was last seen), so the race was on every page.
 */
export function sessionSavedBeforeReplies(req: Request, res: Response, next: NextFunction): void {
  // Signed-in sessions only: an anonymous one is saved by startSession/endSession when it matters, and saving
  // every visitor's empty session would fill the table.
  if (!req.session?.user) return next();
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = (...args: unknown[]) => {
    // A failed save is not worth a failed redirect: the worst is a message not shown.
    req.session.save(() => redirect(...args));
  };
  req.session.save((error) => next(error));
}
