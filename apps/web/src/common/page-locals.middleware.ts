import type { NextFunction, Request, Response } from 'express';
import { navigationFor, ROLE_NAMES } from '../auth/start-pages';

/**
 * What every template can read: the signed-in person, their navigation (with the current section marked), and a
 * flash message left by the previous request (shown once), with its field errors by `#id` as `fieldErrors`.
 */
export function pageLocals(req: Request, res: Response, next: NextFunction): void {
  const user = req.session?.user;
  res.locals.currentUser = user ?? null;
  res.locals.roleName = user?.roles[0] ? ROLE_NAMES[user.roles[0]] : null;
  res.locals.navigation = user
    ? navigationFor(user.roles).map((item) => ({
        ...item,
        active: req.path === item.href || req.path.startsWith(`${item.href}/`),
      }))
    : [];
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
