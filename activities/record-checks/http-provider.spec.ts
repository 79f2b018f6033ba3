import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpProviderConfig } from '../../libs/config/src/app-config';
import { createHttpProvider } from './http-provider';
import type { ProviderAdapter } from './provider-adapter';
import { ProviderRejectedError, ProviderUnavailableError } from './provider-adapter';
import { signedHeaders, verifyProviderSignature } from '../../libs/providers/src';

const SECRET = 'partner-shared-secret-0001';
const CASE_ID = '6f1c1c52-6a8e-4c47-9d4e-0a3f1b2c3d4e';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A partner on a local port whose answers each test scripts. */
class FakePartner {
  readonly seen: Seen[] = [];
  answer: (seen: Seen, res: ServerResponse) => void = (_seen, res) => res.end();
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const seen = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks),
        };
        this.seen.push(seen);
        this.answer(seen, res);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Answers as a partner does: signed over our request's nonce, with the partner's secret (or another one). */
function json(seen: Seen, res: ServerResponse, status: number, body: unknown, secret = SECRET): void {
  const text = JSON.stringify(body);
  const nonce = seen.headers['x-provider-nonce'] as string;
  res.writeHead(status, { 'content-type': 'application/json', ...signedHeaders(secret, text, { nonce }) });
  res.end(text);
}

/** The request's signature, as the partner verifies it. */
function requestSigned(seen: Seen | undefined, signedOver: Buffer): boolean {
  return verifyProviderSignature(
    SECRET,
    {
      timestamp: seen?.headers['x-provider-timestamp'] as string,
      nonce: seen?.headers['x-provider-nonce'] as string,
      body: signedOver,
    },
    seen?.headers['x-provider-signature'] as string,
  );
}

const partner = new FakePartner();
let base: string;
let provider: ProviderAdapter;

function configFor(url: string, overrides: Partial<HttpProviderConfig> = {}): HttpProviderConfig {
  return { name: 'partner', url, mode: 'callback', secret: SECRET, requestTimeoutMs: 500, ...overrides };
}

beforeAll(async () => {
  base = await partner.start();
  provider = createHttpProvider(configFor(`${base}/checks`), { callbackBaseUrl: 'https://vetting.example' });
});
afterAll(() => partner.stop());
beforeEach(() => {
  partner.seen.length = 0;
});

const request = {
  caseId: CASE_ID,
  checkType: 'SECURITY_SERVICE' as const,
  checkId: `${CASE_ID}:SECURITY_SERVICE`,
  subject: { reference: CASE_ID },
};

describe('HTTP provider adapter: requesting a check', () => {
  it('POSTs the documented JSON, signed, with the checkId as Idempotency-Key, and reads the providerRef', async () => {
    partner.answer = (seen, res) => json(seen, res, 202, { providerRef: 'P-123', mode: 'callback' });
    await expect(provider.requestCheck(request)).resolves.toEqual({ providerRef: 'P-123', mode: 'callback' });
    const [seen] = partner.seen;
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/checks');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['idempotency-key']).toBe(request.checkId);
    expect(JSON.parse(seen?.body.toString() ?? '')).toEqual({
      checkId: request.checkId,
      caseId: CASE_ID,
      checkType: 'SECURITY_SERVICE',
      subject: { reference: CASE_ID },
      callbackUrl: 'https://vetting.example/providers/partner/callbacks',
    });
    expect(requestSigned(seen, seen?.body ?? Buffer.alloc(0))).toBe(true);
    expect(seen?.headers['x-provider-nonce']).toMatch(/^[A-Za-z0-9_-]{16,128}$/);
  });

  it('uses the configured mode when the provider does not say', async () => {
    partner.answer = (seen, res) => json(seen, res, 200, { providerRef: 'P-9' });
    const polling = createHttpProvider(configFor(`${base}/checks`, { mode: 'poll' }), {
      callbackBaseUrl: null,
    });
    await expect(polling.requestCheck(request)).resolves.toEqual({ providerRef: 'P-9', mode: 'poll' });
    expect(JSON.parse(partner.seen[0]?.body.toString() ?? '')).not.toHaveProperty('callbackUrl');
  });

  it.each([500, 502, 503, 429, 408])('treats %i as unavailable (retried)', async (status) => {
    partner.answer = (seen, res) => json(seen, res, status, { error: 'busy' });
    await expect(provider.requestCheck(request)).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it.each([400, 401, 403, 404, 422])('treats %i as a rejection (not retried)', async (status) => {
    partner.answer = (seen, res) => json(seen, res, status, { error: 'no' });
    const error = await provider.requestCheck(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect((error as Error).message).toContain(String(status));
  });

  it('treats a 2xx without a usable providerRef as unavailable', async () => {
    for (const body of ['not json', JSON.stringify({}), JSON.stringify({ providerRef: 'has space' })]) {
      partner.answer = (seen, res) => {
        res.writeHead(
          200,
          signedHeaders(SECRET, body, { nonce: seen.headers['x-provider-nonce'] as string }),
        );
        res.end(body);
      };
      await expect(provider.requestCheck(request)).rejects.toBeInstanceOf(ProviderUnavailableError);
    }
  });

  it('treats a provider slower than requestTimeoutMs as unavailable', async () => {
    partner.answer = (seen, res) => setTimeout(() => json(seen, res, 202, { providerRef: 'late' }), 1500);
    await expect(provider.requestCheck(request)).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('treats a refused connection as unavailable', async () => {
    const closed = new FakePartner();
    const url = await closed.start();
    await closed.stop();
    const gone = createHttpProvider(configFor(url), { callbackBaseUrl: null });
    await expect(gone.requestCheck(request)).rejects.toBeInstanceOf(ProviderUnavailableError);
  });
});

describe('HTTP provider adapter: polling', () => {
  it('GETs <url>/<providerRef>, signed over the reference, and reads PENDING and DONE', async () => {
    partner.answer = (seen, res) => json(seen, res, 200, { status: 'PENDING' });
    await expect(provider.pollCheck('P/1')).resolves.toEqual({ status: 'PENDING' });
    expect(partner.seen[0]).toMatchObject({ method: 'GET', url: '/checks/P%2F1' });
    expect(requestSigned(partner.seen[0], Buffer.from('P/1'))).toBe(true);

    partner.answer = (seen, res) =>
      json(seen, res, 200, { status: 'DONE', outcome: 'TRACE', detail: 'one match' });
    await expect(provider.pollCheck('P/1')).resolves.toEqual({
      status: 'DONE',
      outcome: 'TRACE',
      detail: 'one match',
    });
  });

  it('rejects a reference the provider does not know, and retries an unreadable answer', async () => {
    partner.answer = (seen, res) => json(seen, res, 404, { error: 'unknown' });
    await expect(provider.pollCheck('nope')).rejects.toBeInstanceOf(ProviderRejectedError);
    partner.answer = (seen, res) => json(seen, res, 200, { status: 'DONE', outcome: 'MAYBE' });
    await expect(provider.pollCheck('P-1')).rejects.toBeInstanceOf(ProviderUnavailableError);
  });
});

describe('HTTP provider adapter: the provider must sign its answers (issue 9 item 14)', () => {
  const cases: [string, (seen: Seen, res: ServerResponse, status: number, body: unknown) => void][] = [
    [
      'unsigned',
      (_seen, res, status, body) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
    ],
    [
      'signed with another secret',
      (seen, res, status, body) => json(seen, res, status, body, 'not-the-partner-secret'),
    ],
    [
      'signed over another nonce (a replayed answer)',
      (_seen, res, status, body) => {
        const text = JSON.stringify(body);
        res.writeHead(status, signedHeaders(SECRET, text, { nonce: 'an-earlier-request-nonce' }));
        res.end(text);
      },
    ],
    [
      'signed, then changed on the way',
      (seen, res, status, body) => {
        const text = JSON.stringify(body);
        const nonce = seen.headers['x-provider-nonce'] as string;
        res.writeHead(status, signedHeaders(SECRET, text, { nonce }));
        res.end(text.replace('TRACE', 'CLEAR').replace('P-real', 'P-fake'));
      },
    ],
  ];

  it.each(cases)(
    'does not take a forged poll answer (%s): unavailable, so retried, never a result',
    async (_name, answer) => {
      partner.answer = (seen, res) => answer(seen, res, 200, { status: 'DONE', outcome: 'TRACE' });
      const error = await provider.pollCheck('P-1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect((error as Error).message).toBe(
        'provider partner answered a poll with 200 without a valid signature; not trusted',
      );
    },
  );

  it.each(cases)('does not take a forged check acceptance (%s)', async (_name, answer) => {
    partner.answer = (seen, res) => answer(seen, res, 202, { providerRef: 'P-real', mode: 'callback' });
    await expect(provider.requestCheck(request)).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('does not end a check on an unsigned refusal, which anyone on the path could send', async () => {
    partner.answer = (_seen, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"unknown"}');
    };
    await expect(provider.pollCheck('P-1')).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(provider.requestCheck(request)).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('needs no signature to be retried: a 5xx from a proxy is unavailable either way', async () => {
    partner.answer = (_seen, res) => {
      res.writeHead(503);
      res.end('busy');
    };
    const error = await provider.pollCheck('P-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toBe('provider partner answered 503');
  });

  it('keeps nothing the provider sent in the failure message (it reaches logs and Temporal history)', async () => {
    partner.answer = (_seen, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'DONE', outcome: 'TRACE', detail: 'Alex Morgan, born 1980-01-01' }));
    };
    const error = (await provider.pollCheck('P-1').catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('Alex');
    expect(error.message).not.toContain('1980');
  });
});
