import type { NextFunction, Request, Response } from 'express';
import { navigationFor, ROLE_NAMES } from '../auth/start-pages';

declare module 'express-session' {
  interface SessionData {
    /**
     * Whether this applicant may appeal or complain, or has (so their navigation offers their appeals); unset
     * until first worked out (apps/web/src/appeals/appellant-navigation.ts). Once true it stays true.
     */
    appellant?: boolean;
  }
}

/** The signed-in person's navigation, with the current section marked. */
export function navigationOf(req: Request): { href: string; text: string; active: boolean }[] {
  const user = req.session?.user;
  if (!user) return [];
  return navigationFor(user.roles, { appellant: req.session.appellant === true }).map((item) => ({
    ...item,
    active: req.path === item.href || req.path.startsWith(`${item.href}/`),
  }));
}

/**
 * What every template can read: the signed-in person, their navigation (with the current section marked), and a
 * flash message left by the previous request (shown once), with its field errors by `#id` as `fieldErrors`.
 */
export function pageLocals(req: Request, res: Response, next: NextFunction): void {
  const user = req.session?.user;
  res.locals.currentUser = user ?? null;
  res.locals.roleName = user?.roles[0] ? ROLE_NAMES[user.roles[0]] : null;
  res.locals.navigation = navigationOf(req);
  if (req.session?.flash) {
    res.locals.flash = req.session.flash;
    // The same messages by field (`#id` → text), so each field can show its own inline error.
    res.locals.fieldErrors = Object.fromEntries(
      (req.session.flash.errors ?? []).map((e) => [e.href, e.text]),
    );
    delete req.session.flash;
  }
  next();
}
