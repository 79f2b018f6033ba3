import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, Principal, Renewal } from '../../../../libs/domain/src';
import { ClearanceStore, FieldCipher } from '../../../../libs/persistence/src';
import type { ClearanceLookupStatus } from '../../../../libs/persistence/src';

/** What a lookup answers, and the case that entitled the caller to ask (for the audit row). */
export interface ClearanceLookup {
  status: ClearanceLookupStatus;
  caseId: string | null;
  clearanceId: string | null;
  /** The latest clearance's renewal case, if one was opened. */
  renewal: Renewal | null;
}

/** Reads clearance records (written by the worker when a decision grants one). */
@Injectable()
export class ClearancesService {
  private readonly store: ClearanceStore;

  constructor(@InjectDataSource() dataSource: DataSource, cipher: FieldCipher) {
    this.store = new ClearanceStore(dataSource, cipher);
  }

  /**
   * A sponsor may look up only a person they sponsor (any sponsor could once look up anyone); an admin anyone.
   * The refusal is the same whether or not the person has a clearance, so it reveals nothing about them.
   */
  async lookup(principal: Principal, personId: string): Promise<ClearanceLookup> {
    const caseId = await this.store.sponsoredCaseOf(principal.subject, personId);
    if (!caseId && !principal.roles.includes('ADMIN')) {
      throw new DomainError('FORBIDDEN', 'you may look up the clearance only of people you sponsor');
    }
    const latest = await this.store.latestOf(personId, new Date().toISOString().slice(0, 10));
    return { ...latest, caseId };
  }
}
