import { Inject, Injectable, Logger } from '@nestjs/common';
import { ukToday } from '../common/uk-today';
import {
  DomainError,
  IsoDate,
  Principal,
  QuestionnaireDraft,
  QuestionnairePolicy,
  QuestionnaireProblem,
  validateQuestionnaire,
} from '../../../../libs/domain/src';
import {
  QuestionnaireStore,
  QuestionnaireVersionSummary,
  StoredQuestionnaireDraft,
} from '../../../../libs/persistence/src';
import { CaseAccessService, VisibleCase } from '../cases/case-access.service';
import { ActionResult, CaseCommandsService } from '../cases/case-commands.service';
import {
  QuestionnaireDraftView,
  QuestionnaireVersionListView,
  QuestionnaireVersionSummaryView,
  QuestionnaireVersionView,
} from './questionnaire.views';

/** Injection token for the questionnaire rules' policy values. */
export const QUESTIONNAIRE_POLICY = Symbol('QUESTIONNAIRE_POLICY');

/** What the submit endpoint needs: the draft as it stands and why it cannot be submitted (empty: it can). */
export interface SubmissionCheck {
  content: QuestionnaireDraft;
  problems: QuestionnaireProblem[];
  /** The draft version checked; 0 when the applicant has saved nothing. */
  draftVersion: number;
  asOf: IsoDate;
}

const VERSION_PARAM = /^[1-9]\d{0,8}$/;

/** The applicant's questionnaire drafts and the submitted versions, behind need-to-know case access. */
@Injectable()
export class QuestionnaireService {
  private readonly logger = new Logger(QuestionnaireService.name);

  constructor(
    private readonly access: CaseAccessService,
    private readonly commands: CaseCommandsService,
    private readonly store: QuestionnaireStore,
    @Inject(QUESTIONNAIRE_POLICY) private readonly policy: QuestionnairePolicy,
  ) {}

  /**
   * Replaces the applicant's draft while the case waits for their questionnaire; returns the new version.
   * `expectedVersion` (from If-Match) makes a save from a stale copy fail instead of overwriting newer work.
   */
  async saveDraft(
    principal: Principal,
    caseId: string,
    content: QuestionnaireDraft,
    expectedVersion?: number,
  ): Promise<number> {
    const { row } = await this.loadOwnCase(principal, caseId);
    if (row.stage !== 'QUESTIONNAIRE') {
      // Applicants see only the coarse status, so the refusal names neither the internal stage nor its actions.
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        'the questionnaire can only be changed while it is waiting for you',
        { caseId },
      );
    }
    const result = await this.store.saveDraft(caseId, content, principal.subject, expectedVersion);
    if (!result.saved) {
      this.logger.log({ message: 'stale questionnaire draft refused', caseId, expectedVersion, ...result });
      throw new DomainError(
        'STALE_STAGE',
        `the draft changed since you loaded it (you loaded version ${expectedVersion ?? 0}, it is now version ` +
          `${result.currentVersion}); reload it and try again`,
        { caseId },
      );
    }
    this.logger.log({ message: 'questionnaire draft saved', caseId, version: result.version });
    return result.version;
  }

  /** The applicant's draft with the problems that still stop it being submitted. */
  async getDraft(principal: Principal, caseId: string): Promise<QuestionnaireDraftView> {
    await this.loadOwnCase(principal, caseId);
    const draft = await this.store.getDraft(caseId);
    const check = this.check(draft, ukToday());
    return {
      caseId,
      version: check.draftVersion,
      updatedAt: draft?.updatedAt.toISOString() ?? null,
      content: check.content,
      problems: check.problems,
      submittable: check.problems.length === 0,
      asOf: check.asOf,
    };
  }

  /**
   * The case's draft and everything that stops it being submitted as of `asOf` (default: today in the UK). No
   * access check: callers have already loaded the case for the principal.
   */
  /**
   * Submits the applicant's saved draft as the next questionnaire version. A draft with problems is refused
   * (400, each problem by field path) before the case workflow is asked; the workflow decides whether the case
   * can take a submission now (409 otherwise).
   */
  async submit(principal: Principal, caseId: string, requestId?: string): Promise<ActionResult> {
    const visible = await this.access.load(principal, caseId);
    if (visible.view !== 'APPLICANT')
      throw new DomainError('CASE_NOT_FOUND', `no case with id ${caseId}`, { caseId });
    const check = await this.validateForSubmission(caseId);
    if (check.problems.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `the questionnaire is not ready to submit: ${check.problems.length} problem(s), e.g. ${check.problems[0]?.path}: ${check.problems[0]?.message}`,
        { fields: check.problems.map((p) => ({ field: p.path, problems: [p.message] })) },
      );
    }
    return this.commands.executeAs(
      principal,
      caseId,
      { type: 'SUBMIT_QUESTIONNAIRE', content: check.content },
      requestId,
      undefined,
      visible,
    );
  }

  async validateForSubmission(caseId: string, asOf: IsoDate = ukToday()): Promise<SubmissionCheck> {
    return this.check(await this.store.getDraft(caseId), asOf);
  }

  private check(draft: StoredQuestionnaireDraft | null, asOf: IsoDate): SubmissionCheck {
    const content: QuestionnaireDraft = draft?.content ?? {};
    return {
      content,
      problems: validateQuestionnaire(content, asOf, this.policy),
      draftVersion: draft?.version ?? 0,
      asOf,
    };
  }

  /** The submitted versions, for the case's officers and its applicant. */
  async listVersions(
    principal: Principal,
    caseId: string,
    reason?: string,
  ): Promise<QuestionnaireVersionListView> {
    await this.loadForVersions(principal, caseId, reason);
    const versions = await this.store.listVersions(caseId);
    return { caseId, items: versions.map(toSummaryView) };
  }

  /** One submitted version as it was submitted, for the case's officers and its applicant. */
  async getVersion(
    principal: Principal,
    caseId: string,
    versionParam: string,
    reason?: string,
  ): Promise<QuestionnaireVersionView> {
    // Access first: someone who may not see the case learns nothing, not even that their version was malformed.
    await this.loadForVersions(principal, caseId, reason);
    if (!VERSION_PARAM.test(versionParam)) {
      throw new DomainError('VALIDATION_FAILED', 'version must be a whole number from 1', {
        fields: [{ field: 'version', problems: ['must be a whole number from 1'] }],
      });
    }
    const version = await this.store.getVersion(caseId, Number(versionParam));
    if (!version) {
      throw new DomainError(
        'CASE_NOT_FOUND',
        `case ${caseId} has no submitted questionnaire version ${versionParam}`,
        {
          caseId,
        },
      );
    }
    return { ...toSummaryView(version), caseId, content: version.content };
  }

  /** The case if it is the principal's own application; anyone else's answers as if it did not exist. */
  private async loadOwnCase(principal: Principal, caseId: string): Promise<VisibleCase> {
    const visible = await this.access.load(principal, caseId);
    if (visible.view !== 'APPLICANT') throw notFound(caseId);
    return visible;
  }

  private async loadForVersions(principal: Principal, caseId: string, reason?: string): Promise<VisibleCase> {
    const visible = await this.access.load(principal, caseId, reason);
    if (visible.view !== 'FULL' && visible.view !== 'APPLICANT') throw notFound(caseId);
    return visible;
  }
}

function notFound(caseId: string): DomainError {
  return new DomainError('CASE_NOT_FOUND', `no case with id ${caseId}`, { caseId });
}

function toSummaryView(version: QuestionnaireVersionSummary): QuestionnaireVersionSummaryView {
  return {
    version: version.version,
    submittedAt: version.submittedAt.toISOString(),
    submittedBy: version.submittedBy,
  };
}
