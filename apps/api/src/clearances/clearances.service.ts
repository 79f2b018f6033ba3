import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClearanceStatus, ClearanceStore } from '../../../../libs/persistence/src/clearance-store';

/** Reads clearance records (written by the worker when a decision grants one). */
@Injectable()
export class ClearancesService {
  private readonly store: ClearanceStore;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.store = new ClearanceStore(dataSource);
  }

  statusOf(personId: string): Promise<ClearanceStatus> {
    return this.store.statusOf(personId, new Date().toISOString().slice(0, 10));
  }
}
