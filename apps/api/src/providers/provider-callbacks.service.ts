import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import {
  CallbackDisposition,
  CheckResultSignal,
  checkResultSignal,
  ProviderCallbackRecord,
  recordCheckWorkflowId,
} from '../../../../libs/contracts/src';
import { CheckType, DomainError } from '../../../../libs/domain/src';
import { CaseReadModel } from '../../../../libs/persistence/src';
import { isWithinWindow, verifyProviderSignature } from '../../../../libs/providers/src';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { parseCallbackBody, ProviderCallbackBody, wellFormedParts } from './callback-body';

/** What the webhook answers for a callback it accepted (202). */
export interface CallbackReceipt {
  callbackId: string;
  disposition: CallbackDisposition;
}

/** The signing headers of a callback, as received. */
export interface CallbackSignature {
  signature: string | undefined;
  timestamp: string | undefined;
  nonce: string | undefined;
}

interface KnownProvider {
  secret: string;
  checkTypes: Set<CheckType>;
}

const MAX_PROVIDER_NAME = 64;
// Expired nonces are deleted at most this often per API process: often enough to keep the table at about one
// window's worth of callbacks, rarely enough that it costs nothing per callback.
const NONCE_CLEANUP_INTERVAL_MS = 60_000;

/**
 * Authenticates provider callbacks (HMAC-SHA256 over `<timestamp>.<nonce>.<raw body>` with the provider's
 * shared secret, a timestamp inside the window, a nonce never seen before), signals the check's workflow, and
 * records every authenticated callback in provider_callback with what became of it. Nothing a provider sends
 * becomes a 500: an unknown or closed check is accepted with nothing to do, so the provider stops retrying.
 */
@Injectable()
export class ProviderCallbacksService {
  private readonly logger = new Logger(ProviderCallbacksService.name);
  private readonly providers = new Map<string, KnownProvider>();
  private lastNonceCleanup = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly dataSource: DataSource,
    private readonly readModel: CaseReadModel,
  ) {
    for (const [checkType, provider] of Object.entries(config.recordChecks.providers)) {
      if (!provider) continue;
      const known = this.providers.get(provider.name) ?? {
        secret: provider.secret,
        checkTypes: new Set<CheckType>(),
      };
      known.checkTypes.add(checkType as CheckType);
      this.providers.set(provider.name, known);
    }
  }

  /** Handles one callback; throws a DomainError (401, 400, 403, 503), recording it if it was authentic. */
  async receive(
    providerName: string,
    rawBody: Buffer | undefined,
    signed: CallbackSignature,
    body: unknown,
    onAuthenticated: (caseId: string) => void = () => undefined,
  ): Promise<CallbackReceipt> {
    const callbackId = randomUUID();
    const receivedAt = new Date().toISOString();
    const provider = providerName.slice(0, MAX_PROVIDER_NAME);
    const record = (disposition: CallbackDisposition, parts = wellFormedParts(body)): Promise<void> =>
      this.record({
        id: callbackId,
        receivedAt,
        provider,
        caseId: parts.caseId ?? null,
        checkType: parts.checkType ?? null,
        providerRef: parts.providerRef ?? null,
        outcome: parts.outcome ?? null,
        disposition,
      });

    const known = this.providers.get(providerName);
    const message = { timestamp: signed.timestamp, nonce: signed.nonce, body: rawBody ?? Buffer.alloc(0) };
    if (!known || !rawBody || !verifyProviderSignature(known.secret, message, signed.signature)) {
      // Nothing an unsigned caller sends is stored: it once inserted provider_callback rows with fields of the
      // caller's choosing. The refusal is logged (and counted by the HTTP metrics), not recorded.
      this.logger.warn({ message: 'provider callback refused: bad signature', provider, callbackId });
      // One answer for an unknown provider and a wrong signature: it must not confirm a provider name.
      throw new DomainError(
        'UNAUTHENTICATED',
        'the callback is not signed for this provider: send X-Provider-Timestamp, X-Provider-Nonce and ' +
          'X-Provider-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<nonce>.<raw application/json body>">',
      );
    }
    // From here the sender knows the secret, so saying why it is refused tells an attacker nothing new.
    const timestamp = signed.timestamp ?? '';
    const nonce = signed.nonce ?? '';
    const now = Date.now();
    const window = this.config.recordChecks.callbackMaxAgeSeconds;
    if (!isWithinWindow(timestamp, now, window)) {
      this.logger.warn({ message: 'provider callback refused: stale timestamp', provider, callbackId });
      throw new DomainError(
        'UNAUTHENTICATED',
        `the callback's X-Provider-Timestamp is more than ${window} seconds from our clock: sign each attempt ` +
          'afresh with the current time',
      );
    }
    if (!(await this.claimNonce(provider, nonce, Number(timestamp), now, window))) {
      this.logger.warn({ message: 'provider callback refused: replayed nonce', provider, callbackId });
      throw new DomainError(
        'UNAUTHENTICATED',
        'this X-Provider-Nonce was used before: sign each attempt afresh with a new nonce',
      );
    }

    const parsed = parseCallbackBody(body);
    if (!parsed.ok) {
      await record('INVALID');
      throw new DomainError('VALIDATION_FAILED', 'the callback body is not a valid check result', {
        fields: parsed.fields,
      });
    }
    const callback = parsed.value;
    // Only now, signed, may the body name the case the audit row is about.
    onAuthenticated(callback.caseId);
    if (!known.checkTypes.has(callback.checkType)) {
      await record('INVALID', callback);
      throw new DomainError(
        'FORBIDDEN',
        `provider ${provider} does not perform ${callback.checkType} checks`,
      );
    }

    const disposition = await this.deliver(callbackId, receivedAt, provider, callback);
    await record(disposition, callback);
    this.logger.log({
      message: 'provider callback received',
      provider,
      caseId: callback.caseId,
      checkType: callback.checkType,
      disposition,
      callbackId,
    });
    if (disposition === 'UNAVAILABLE') {
      throw new DomainError(
        'TEMPORAL_UNAVAILABLE',
        'the callback could not be delivered now; send it again shortly',
        {
          caseId: callback.caseId,
        },
      );
    }
    return { callbackId, disposition };
  }

  private async deliver(
    callbackId: string,
    receivedAt: string,
    provider: string,
    callback: ProviderCallbackBody,
  ): Promise<CallbackDisposition> {
    const signal: CheckResultSignal = {
      callbackId,
      provider,
      providerRef: callback.providerRef,
      outcome: callback.outcome,
      detail: callback.detail,
      receivedAt,
    };
    const handle = this.temporal.workflow.getHandle(
      recordCheckWorkflowId(callback.caseId, callback.checkType),
    );
    try {
      await this.temporal.withDeadline(Date.now() + this.config.updateTimeoutMs, () =>
        handle.signal(checkResultSignal, signal),
      );
      return 'DELIVERED';
    } catch (error) {
      if (error instanceof WorkflowNotFoundError)
        return this.closedOrUnknown(callback.caseId, callback.checkType);
      this.logger.warn({
        message: 'provider callback could not be signalled',
        caseId: callback.caseId,
        checkType: callback.checkType,
        error: error instanceof Error ? error.message : String(error),
      });
      return 'UNAVAILABLE';
    }
  }

  /** No running check to signal: CASE_CLOSED if the check (or its case) existed, else UNKNOWN_CASE. */
  private async closedOrUnknown(caseId: string, checkType: CheckType): Promise<CallbackDisposition> {
    const known = await this.readModel.checkExistedOrCaseClosed(caseId, checkType);
    return known ? 'CASE_CLOSED' : 'UNKNOWN_CASE';
  }

  /**
   * Remembers a callback's nonce until its timestamp leaves the window; false when it was already there. The
   * primary key decides between two racing copies, so exactly one of them gets true.
   */
  private async claimNonce(
    provider: string,
    nonce: string,
    signedAtSeconds: number,
    nowMs: number,
    windowSeconds: number,
  ): Promise<boolean> {
    let claimed: unknown[];
    try {
      claimed = await this.dataSource.query(
        `INSERT INTO provider_callback_nonce (provider, nonce, seen_at, expires_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (provider, nonce) DO NOTHING
         RETURNING nonce`,
        [
          provider,
          nonce,
          new Date(nowMs).toISOString(),
          new Date((signedAtSeconds + windowSeconds) * 1000).toISOString(),
        ],
      );
    } catch (error) {
      this.logger.error({
        message: 'provider callback nonce could not be recorded',
        provider,
        error: error instanceof Error ? error.message : String(error),
      });
      // 503: without the nonce on record a replay could not be told apart, so the callback is not taken now.
      throw new DomainError('AUDIT_UNAVAILABLE', 'the callback could not be recorded; send it again shortly');
    }
    await this.deleteExpiredNonces(nowMs);
    return claimed.length === 1;
  }

  private async deleteExpiredNonces(nowMs: number): Promise<void> {
    if (nowMs - this.lastNonceCleanup < NONCE_CLEANUP_INTERVAL_MS) return;
    this.lastNonceCleanup = nowMs;
    try {
      await this.dataSource.query(`DELETE FROM provider_callback_nonce WHERE expires_at < $1`, [
        new Date(nowMs).toISOString(),
      ]);
    } catch (error) {
      // Only housekeeping: the next cleanup catches up, and a stale row refuses nothing the window would not.
      this.logger.warn({
        message: 'expired provider callback nonces could not be deleted',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private async record(entry: ProviderCallbackRecord): Promise<void> {
    try {
      // DO NOTHING: the check workflow may already have recorded a finer verdict (DUPLICATE) under this id.
      await this.dataSource.query(
        `INSERT INTO provider_callback
            (id, received_at, provider, case_id, check_type, provider_ref, outcome, disposition)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO NOTHING`,
        [
          entry.id,
          entry.receivedAt,
          entry.provider,
          entry.caseId,
          entry.checkType,
          entry.providerRef,
          entry.outcome,
          entry.disposition,
        ],
      );
    } catch (error) {
      this.logger.error({
        message: 'provider callback could not be recorded',
        disposition: entry.disposition,
        error: error instanceof Error ? error.message : String(error),
      });
      // 503, so the provider sends it again: an unrecorded callback must not be acknowledged.
      throw new DomainError('AUDIT_UNAVAILABLE', 'the callback could not be recorded; send it again shortly');
    }
  }
}
