import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../../libs/config/src/app-config';

/** One plain-text email. `messageId` is the outbox row's, so a resend after a crash carries the same one. */
export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

/** Hands an email to a mail server; resolves once the server has accepted it. */
export interface EmailSender {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/** A sender over SMTP (nodemailer), with timeouts short enough that a claim never outlives its sender. */
export function createSmtpEmailSender(smtp: SmtpConfig): EmailSender {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user !== null && smtp.pass !== null ? { auth: { user: smtp.user, pass: smtp.pass } } : {}),
    // Together well under EMAIL_RESEND_AFTER_MS (at least a minute), so a live send is never presumed dead.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // The text is ours, but nothing in a message should ever make the transport read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(email: OutgoingEmail): Promise<void> {
      await transport.sendMail({
        from: email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        messageId: email.messageId,
        // RFC 3834: tells auto-responders (out-of-office) not to answer, which would echo the text back.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    },
    close(): void {
      transport.close();
    },
  };
}

/**
 * Whether an SMTP failure is about this message and will not change on retry: a 5xx reply (mailbox unknown,
 * message refused). Authentication failures are configuration problems, so they stay retryable.
 */
export function isPermanentEmailFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { responseCode, code } = error as { responseCode?: unknown; code?: unknown };
  if (code === 'EAUTH') return false;
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

/** The Message-ID for an outbox row: its id at the sender's domain. */
export function messageIdFor(outboxId: string, from: string | undefined): string {
  const domain = /@([^\s@<>]+)>?\s*$/.exec(from ?? '')?.[1] ?? 'localhost';
  return `<${outboxId}@${domain}>`;
}
