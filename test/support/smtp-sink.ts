import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the sink received it. */
export interface ReceivedEmail {
  from: string;
  to: string[];
  /** Header names in lower case; folded lines unfolded. */
  headers: Record<string, string>;
  subject: string;
  messageId: string;
  /** The text body, decoded from quoted-printable or base64 when the message used them. */
  text: string;
  raw: string;
}

/** An SMTP reply the sink gives a recipient instead of accepting it. */
interface Refusal {
  code: number;
  message: string;
  remaining: number;
}

/**
 * A real SMTP server in the test process, on a free port. It accepts everything (no auth, no TLS), keeps
 * what it received, and can refuse chosen recipients with a given reply (permanent or transient failures).
 */
export class SmtpSink {
  readonly received: ReceivedEmail[] = [];
  private readonly refusals = new Map<string, Refusal>();
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const refusal = this.refusals.get(address.address.toLowerCase());
        if (refusal && refusal.remaining > 0) {
          refusal.remaining -= 1;
          const error = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const mailFrom = session.envelope.mailFrom;
          this.received.push(
            parse(
              raw,
              mailFrom ? mailFrom.address : '',
              session.envelope.rcptTo.map((r) => r.address),
            ),
          );
          callback();
        });
      },
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.on('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
  }

  /** Answers RCPT TO for `address` with `code` (e.g. 550 permanent, 451 transient) the next `times` times. */
  refuse(address: string, code: number, message: string, times = Number.POSITIVE_INFINITY): void {
    this.refusals.set(address.toLowerCase(), { code, message, remaining: times });
  }

  /** Messages received for one address. */
  to(address: string): ReceivedEmail[] {
    return this.received.filter((m) => m.to.some((t) => t.toLowerCase() === address.toLowerCase()));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function parse(raw: string, from: string, to: string[]): ReceivedEmail {
  const split = raw.indexOf('\r\n\r\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const rawBody = split >= 0 ? raw.slice(split + 4) : '';
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? Buffer.from(
          rawBody
            .replace(/=\r\n/g, '')
            .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8')
      : encoding === 'base64'
        ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8')
        : rawBody;
  return {
    from,
    to,
    headers,
    subject: headers.subject ?? '',
    messageId: headers['message-id'] ?? '',
    text: text.replace(/\r\n/g, '\n').replace(/\n$/, ''),
    raw,
  };
}
