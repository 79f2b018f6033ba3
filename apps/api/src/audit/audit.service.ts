import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AuditChainRow,
  AuditChainVerification,
  AuditEntry,
  AuditLogStore,
  AuditPage,
  AuditQuery,
} from '../../../../libs/persistence/src/audit';

/** The audit trail for the API: appends rows, reads pages of it, and checks the hash chain end to end. */
@Injectable()
export class AuditService {
  private readonly store: AuditLogStore;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.store = new AuditLogStore(dataSource);
  }

  /** Appends one row to the chain; rejects if it could not be written (callers must not carry on). */
  record(entry: AuditEntry): Promise<AuditChainRow> {
    return this.store.append(entry);
  }

  /** `{ ok: true, rows }`, or `{ ok: false, firstBadId, reason }` naming the first row that does not verify. */
  verify(): Promise<AuditChainVerification> {
    return this.store.verify();
  }

  /** A page of the trail, newest first. */
  list(query: AuditQuery): Promise<AuditPage> {
    return this.store.list(query);
  }
}
