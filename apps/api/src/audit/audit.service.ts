import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import {
  AuditChainRow,
  AuditChainVerification,
  AuditEntry,
  AuditLogStore,
  AuditPage,
  AuditQuery,
} from '../../../../libs/persistence/src';

/** The audit trail for the API: appends rows, reads pages of it, and checks the HMAC chain end to end. */
@Injectable()
export class AuditService {
  private readonly store: AuditLogStore;
  private readonly logger = new Logger('Audit');

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'audit'>,
  ) {
    this.store = new AuditLogStore(dataSource, config.audit.keyring);
  }

  /** Appends one row to the chain; rejects if it could not be written (callers must not carry on). */
  record(entry: AuditEntry): Promise<AuditChainRow> {
    return this.store.append(entry);
  }

  /**
   * Records a refused request (401/403). A refusal of an outsider, a caller with no authenticated principal, is
   * logged and not chained: 650 unauthenticated requests once wrote 600 rows in 11 s, so anyone on the network
   * could grow the chain without bound. Insiders' refusals (a valid token, the wrong role or case) stay in the
   * chain, where misuse is looked for; their rate is bounded by the per-caller rate limit. The log line carries
   * no case id, because an outsider's case id is whatever they chose to send.
   */
  async recordRefusal(entry: AuditEntry, outsider: boolean): Promise<void> {
    if (!outsider) {
      await this.record(entry);
      return;
    }
    this.logger.warn({
      message: 'request refused; not chained (unauthenticated caller)',
      action: entry.action,
      outcome: entry.outcome,
      requestId: entry.requestId,
    });
  }

  /** `{ ok: true, rows }`, or `{ ok: false, firstBadId, reason }` naming the first row whose link or HMAC is wrong. */
  verify(): Promise<AuditChainVerification> {
    return this.store.verify();
  }

  /** A page of the trail, newest first. */
  list(query: AuditQuery): Promise<AuditPage> {
    return this.store.list(query);
  }
}
