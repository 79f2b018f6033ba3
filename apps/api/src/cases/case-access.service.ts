import { Injectable } from '@nestjs/common';
import {
  CaseParticipants,
  caseViewFor,
  CaseView,
  DomainError,
  Principal,
  readNeedsReason,
  Stage,
} from '../../../../libs/domain/src';
import { CaseReadModel, CaseRecord } from '../../../../libs/persistence/src';

/** A case the principal may see, with how much of it. */
export interface VisibleCase {
  row: CaseRecord;
  view: Exclude<CaseView, null>;
}

/**
 * Object-level access: loads a case only if the principal may see it. A case they may not see answers exactly
 * like one that does not exist (404), because revealing that a vetting case exists is itself a leak.
 */
@Injectable()
export class CaseAccessService {
  constructor(private readonly readModel: CaseReadModel) {}

  async load(principal: Principal, caseId: string, accessReason?: string): Promise<VisibleCase> {
    const row = await this.readModel.findCase(caseId);
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

  /**
   * Who the case is about and who prepared it, for the conflict-of-interest rules: the parties, the
   * investigating officers the workflow recorded, and everyone who assigned an officer (from the history).
   */
  async participants(row: CaseRecord): Promise<CaseParticipants> {
    return {
      applicantId: row.applicantId,
      sponsorId: row.sponsorId,
      investigatingOfficers: row.investigatingOfficers,
      assignedBy: await this.readModel.caseAssigners(row.id),
    };
  }
}
