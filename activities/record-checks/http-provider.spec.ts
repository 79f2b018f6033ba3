import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpProviderConfig } from '../../libs/config/src/app-config';
import { createHttpProvider } from './http-provider';
import type { ProviderAdapter } from './provider-adapter';
import { ProviderRejectedError, ProviderUnavailableError } from './provider-adapter';
import { verifyProviderSignature } from './provider-signature';

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

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
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
    partner.answer = (_seen, res) => json(res, 202, { providerRef: 'P-123', mode: 'callback' });
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
    const signature = seen?.headers['x-provider-signature'];
    expect(verifyProviderSignature(SECRET, seen?.body ?? Buffer.alloc(0), signature as string)).toBe(true);
  });

  it('uses the configured mode when the provider does not say', async () => {
    partner.answer = (_seen, res) => json(res, 200, { providerRef: 'P-9' });
    const polling = createHttpProvider(configFor(`${base}/checks`, { mode: 'poll' }), {
      callbackBaseUrl: null,
    });
    await expect(polling.requestCheck(request)).resolves.toEqual({ providerRef: 'P-9', mode: 'poll' });
    expect(JSON.parse(partner.seen[0]?.body.toString() ?? '')).not.toHaveProperty('callbackUrl');
  });

  it.each([500, 502, 503, 429, 408])('treats %i as unavailable (retried)', async (status) => {
    partner.answer = (_seen, res) => json(res, status, { error: 'busy' });
    await expect(provider.requestCheck(request)).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it.each([400, 401, 403, 404, 422])('treats %i as a rejection (not retried)', async (status) => {
    partner.answer = (_seen, res) => json(res, status, { error: 'no' });
    const error = await provider.requestCheck(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect((error as Error).message).toContain(String(status));
  });

  it('treats a 2xx without a usable providerRef as unavailable', async () => {
    for (const body of ['not json', JSON.stringify({}), JSON.stringify({ providerRef: 'has space' })]) {
      partner.answer = (_seen, res) => {
        res.writeHead(200);
        res.end(body);
      };
      await expect(provider.requestCheck(request)).rejects.toBeInstanceOf(ProviderUnavailableError);
    }
  });

  it('treats a provider slower than requestTimeoutMs as unavailable', async () => {
    partner.answer = (_seen, res) => setTimeout(() => json(res, 202, { providerRef: 'late' }), 1500);
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
    partner.answer = (_seen, res) => json(res, 200, { status: 'PENDING' });
    await expect(provider.pollCheck('P/1')).resolves.toEqual({ status: 'PENDING' });
    expect(partner.seen[0]).toMatchObject({ method: 'GET', url: '/checks/P%2F1' });
    const signature = partner.seen[0]?.headers['x-provider-signature'] as string;
    expect(verifyProviderSignature(SECRET, Buffer.from('P/1'), signature)).toBe(true);

    partner.answer = (_seen, res) =>
      json(res, 200, { status: 'DONE', outcome: 'TRACE', detail: 'one match' });
    await expect(provider.pollCheck('P/1')).resolves.toEqual({
      status: 'DONE',
      outcome: 'TRACE',
      detail: 'one match',
    });
  });

  it('rejects a reference the provider does not know, and retries an unreadable answer', async () => {
    partner.answer = (_seen, res) => json(res, 404, { error: 'unknown' });
    await expect(provider.pollCheck('nope')).rejects.toBeInstanceOf(ProviderRejectedError);
    partner.answer = (_seen, res) => json(res, 200, { status: 'DONE', outcome: 'MAYBE' });
    await expect(provider.pollCheck('P-1')).rejects.toBeInstanceOf(ProviderUnavailableError);
  });
});
