import { randomUUID } from 'node:crypto';
import type { LocalKeys } from '../../apps/api/src/auth/local-keys';
import { ensureLocalKeys, mintToken } from '../../apps/api/src/auth/local-keys';
import type { Principal } from '../../libs/domain/src';

export interface Answer {
  status: number;
  body: unknown;
}

/** A statuses worth retrying with the same Idempotency-Key: nothing happened, or we cannot know yet. */
const RETRYABLE = new Set([502, 503, 504]);

/**
 * HTTP as the people using the system would send it, spread over every API process. An action is retried
 * with the same Idempotency-Key until it is answered (the documented client contract for 503s and lost
 * connections), and each acknowledged one is recorded so the test can check it took effect exactly once.
 */
export class ClusterClient {
  private keys?: Promise<LocalKeys>;
  private readonly tokens = new Map<string, string>();
  private next = 0;
  /** Attempts that failed and were retried (503s, refused connections while an API or Temporal was down). */
  retries = 0;
  /** Every acknowledged action: case, action path and its key. */
  readonly acknowledged: { caseId: string; path: string; key: string }[] = [];

  constructor(
    private readonly apiUrls: string[],
    private readonly auth: { jwksFile: string; issuer: string; audience: string },
    private readonly retryForMs = 180_000,
  ) {}

  private async token(principal: Principal): Promise<string> {
    const cacheKey = JSON.stringify(principal);
    let token = this.tokens.get(cacheKey);
    if (!token) {
      // One promise for every caller: concurrent first requests must not each create a key pair.
      this.keys ??= ensureLocalKeys(this.auth.jwksFile);
      token = await mintToken(await this.keys, {
        issuer: this.auth.issuer,
        audience: this.auth.audience,
        principal,
      });
      this.tokens.set(cacheKey, token);
    }
    return token;
  }

  private baseUrl(): string {
    this.next = (this.next + 1) % this.apiUrls.length;
    return this.apiUrls[this.next] ?? '';
  }

  /** One request, retried (same key, next API) while the answer says nothing was decided yet. */
  async request(
    who: Principal,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const deadline = Date.now() + this.retryForMs;
    for (;;) {
      let answer: Answer | undefined;
      try {
        const res = await fetch(`${this.baseUrl()}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${await this.token(who)}`,
            ...(body ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        answer = { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
      } catch {
        answer = undefined; // connection refused or reset: the process behind it is restarting
      }
      if (answer && !RETRYABLE.has(answer.status)) return answer;
      if (Date.now() > deadline) {
        throw new Error(
          `${method} ${path}: no answer but ${answer?.status ?? 'connection errors'} for ${this.retryForMs} ms`,
        );
      }
      this.retries += 1;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** An officer action with its own Idempotency-Key; throws unless it is acknowledged with 200. */
  async act(who: Principal, caseId: string, path: string, body: object = {}): Promise<void> {
    const key = `cluster-${randomUUID()}`;
    const res = await this.request(who, 'POST', `/cases/${caseId}/${path}`, body, { 'Idempotency-Key': key });
    if (res.status !== 200)
      throw new Error(`${path} on ${caseId} answered ${res.status}: ${JSON.stringify(res.body)}`);
    this.acknowledged.push({ caseId, path, key });
  }
}
