import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import {
  caseViewFor,
  CaseView,
  DomainError,
  Principal,
  readNeedsReason,
  Stage,
} from '../../../../libs/domain/src';
import { VettingCaseEntity } from '../../../../libs/persistence/src';

/** A case the principal may see, with how much of it. */
export interface VisibleCase {
  row: VettingCaseEntity;
  view: Exclude<CaseView, null>;
}

/**
 * Object-level access: loads a case only if the principal may see it. A case they may not see answers exactly
 * like one that does not exist (404), because revealing that a vetting case exists is itself a leak.
 */
@Injectable()
export class CaseAccessService {
  constructor(@InjectRepository(VettingCaseEntity) private readonly cases: Repository<VettingCaseEntity>) {}

  async load(principal: Principal, caseId: string, accessReason?: string): Promise<VisibleCase> {
    const row = await this.cases.findOneBy({ id: caseId });
    const facts = row && { ...row, stage: row.stage as Stage };
    const view = facts ? caseViewFor(principal, facts) : null;
    if (!row || !facts || !view) {
      throw new DomainError('CASE_NOT_FOUND', `no case with id ${caseId}`, { caseId });
    }
    if (readNeedsReason(principal, facts) && !accessReason?.trim()) {
      throw new DomainError(
        'REASON_REQUIRED',
        'this case is outside your own queue: say why you need it in the X-Access-Reason header',
        { caseId },
      );
    }
    return { row, view };
  }

  /** Restricts a case query to the principal's queues (the list equivalent of caseViewFor's FULL view). */
  scopeToQueues(
    qb: SelectQueryBuilder<VettingCaseEntity>,
    principal: Principal,
  ): SelectQueryBuilder<VettingCaseEntity> {
    if (principal.roles.includes('ADMIN')) return qb;
    const clauses: string[] = [];
    const params: Record<string, string> = { subject: principal.subject };
    if (principal.roles.includes('VETTING_OFFICER')) clauses.push('c.assignee = :subject');
    if (principal.roles.includes('TEAM_LEAD') && principal.team) {
      clauses.push('c.team = :team');
      params.team = principal.team;
    }
    if (principal.roles.includes('SENIOR_ADJUDICATOR')) clauses.push(`c.stage = 'DECISION'`);
    return qb.andWhere(clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'false', params);
  }
}
