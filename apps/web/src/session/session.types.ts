import type { Role } from '../../../../libs/domain/src';

/** Who is signed in, as the session keeps it. Never shown in URLs or logs. */
export interface SignedInUser {
  subject: string;
  /** Shown in the header; the id when the identity provider gives no name. */
  name: string;
  roles: Role[];
  team?: string;
}

/** A message shown once on the next page (after a redirect). */
export interface Flash {
  /** `form`: no banner, only what was typed carried to the next page (a row added or removed). */
  kind: 'success' | 'error' | 'form';
  title?: string;
  text: string;
  /** Field errors, for the GOV.UK error summary: `href` is `#field-id`. */
  errors?: { text: string; href: string }[];
  /** What the person typed, so a refused form comes back filled in. */
  values?: Record<string, string | string[]>;
}

/** The OIDC request in flight: checked against what comes back, then thrown away. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  startedAt: number;
}

declare module 'express-session' {
  interface SessionData {
    user?: SignedInUser;
    /** Bearer token for the API, as the identity provider (or the embedded issuer) issued it. */
    accessToken?: string;
    /** The identity provider's ID token, sent back as `id_token_hint` when signing out there too. */
    idToken?: string;
    signedInAt?: number;
    lastSeenAt?: number;
    /** Why the last session ended, said once on the sign-in page. */
    endedBecause?: 'expired' | 'signed-out';
    flash?: Flash;
    pendingSignIn?: PendingSignIn;
    /** Why the person is reading cases outside their own queue, by case id (sent as X-Access-Reason). */
    accessReasons?: Record<string, string>;
  }
}
