import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { verifyProviderSignature } from '../../../../activities/record-checks/provider-signature';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import {
  CallbackDisposition,
  CheckResultSignal,
  checkResultSignal,
  ProviderCallbackRecord,
  recordCheckWorkflowId,
} from '../../../../libs/contracts/src';
import { CheckType, DomainError } from '../../../../libs/domain/src';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { parseCallbackBody, ProviderCallbackBody, wellFormedParts } from './callback-body';

/** What the webhook answers for a callback it accepted (202). */
export interface CallbackReceipt {
  callbackId: string;
  disposition: CallbackDisposition;
}

interface KnownProvider {
  secret: string;
  checkTypes: Set<CheckType>;
}

const MAX_PROVIDER_NAME = 64;

/**
 * Authenticates provider callbacks (HMAC-SHA256 of the raw body with the provider's shared secret), signals
 * the check's workflow, and records every callback in provider_callback with what became of it. Nothing a
 * provider sends becomes a 500: an unknown or closed check is accepted with nothing to do, so the provider
 * stops retrying.
 */
@Injectable()
export class ProviderCallbacksService {
  private readonly logger = new Logger(ProviderCallbacksService.name);
  private readonly providers = new Map<string, KnownProvider>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly dataSource: DataSource,
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

  /** Handles one callback; throws a DomainError (401, 400, 403, 503) after recording it. */
  async receive(
    providerName: string,
    rawBody: Buffer | undefined,
    signature: string | undefined,
    body: unknown,
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
    if (!known || !rawBody || !verifyProviderSignature(known.secret, rawBody, signature)) {
      await record('BAD_SIGNATURE');
      this.logger.warn({ message: 'provider callback refused: bad signature', provider, callbackId });
      // One answer for an unknown provider and a wrong signature: it must not confirm a provider name.
      throw new DomainError(
        'UNAUTHENTICATED',
        'the callback is not signed for this provider: send X-Provider-Signature: sha256=<hex HMAC-SHA256 of the ' +
          'raw application/json body>',
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
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM record_check WHERE case_id = $1 AND check_type = $2
       UNION ALL SELECT 1 FROM vetting_case WHERE id = $1 AND status = 'CLOSED'
       LIMIT 1`,
      [caseId, checkType],
    );
    return rows.length > 0 ? 'CASE_CLOSED' : 'UNKNOWN_CASE';
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
