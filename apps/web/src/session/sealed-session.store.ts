import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { SessionData } from 'express-session';
import type { Logger } from 'pino';
import type { FieldCipher, FieldSlot } from '../../../../libs/persistence/src';
import { sealedKeyId } from '../../../../libs/persistence/src';

const PgStore = connectPgSimple(session);

/** A web_session row's `sess` as this store writes it: the cookie in clear, everything else sealed. */
interface SealedRow {
  cookie?: SessionData['cookie'];
  sealed?: unknown;
}

type GetCallback = (err: unknown, session?: SessionData | null) => void;
type SetCallback = (err?: unknown) => void;

/**
 * connect-pg-simple's store with each session sealed at rest: a session holds the API bearer token, the
 * person's name, the reasons they gave for opening cases outside their queue and a refused form's values, so
 * its row is `{ cookie, sealed }` where `sealed` is the rest as FieldCipher JSON bound to the session id. The
 * cookie (its expiry) stays in clear because connect-pg-simple derives the `expire` column from it, and
 * `touch` (which only moves `expire`) and pruning keep working unchanged.
 *
 * A row that does not open (changed, copied to another session id, sealed under a key no longer configured,
 * or plain from before sessions were sealed) is no session: the row is deleted and the person signs in again.
 * The log says so without the row's content or the session id.
 */
export class SealedSessionStore extends PgStore {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly logger: Logger,
    options: connectPgSimple.PGStoreOptions,
  ) {
    super(options);
  }

  override get(sid: string, callback: GetCallback): void {
    super.get(sid, (error: unknown, stored?: SessionData | null) => {
      if (error) return callback(error);
      if (!stored) return callback(null, null);
      const row = stored as SealedRow;
      let rest: Omit<SessionData, 'cookie'> | null;
      try {
        rest = this.open(sid, row);
      } catch (openError) {
        this.logger.warn(
          { reason: openError instanceof Error ? openError.message : 'unknown' },
          'a stored session did not open; treated as signed out',
        );
        rest = null;
      }
      if (!rest || !row.cookie) {
        // Gone rather than left to expire: a plain row from before sealing holds a token in clear.
        return this.destroy(sid, (destroyError?: unknown) => callback(destroyError ?? null, null));
      }
      callback(null, { ...rest, cookie: row.cookie });
    });
  }

  override set(sid: string, data: SessionData, callback?: SetCallback): void {
    const { cookie, ...rest } = data;
    let sealed: string | null;
    try {
      sealed = this.cipher.sealJson(rest, slot(sid));
    } catch (error) {
      return callback?.(error);
    }
    const row: SealedRow = { cookie, sealed };
    super.set(sid, row as SessionData, callback);
  }

  private open(sid: string, row: SealedRow): Omit<SessionData, 'cookie'> {
    // FieldCipher reads unprefixed text as a value from before encryption; a session must always be sealed.
    if (typeof row.sealed !== 'string' || sealedKeyId(row.sealed) === null) {
      throw new Error('web_session.sess is not sealed (written before sessions were encrypted)');
    }
    return this.cipher.openJson<Omit<SessionData, 'cookie'>>(row.sealed, slot(sid)) ?? {};
  }
}

function slot(sid: string): FieldSlot {
  return { field: 'web_session.sess', row: sid };
}
