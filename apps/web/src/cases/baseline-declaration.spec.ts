import { completeBaselineDeclaration } from '../../../../test/support/questionnaire-fixture';
import { latestDeclaration } from './baseline-declaration';
import type { CaseEvent } from './case.types';

const declaration = {
  ...completeBaselineDeclaration(),
  rightToWork: { evidenceKind: 'SHARE_CODE', evidenceReference: 'W4X-7YZ-123' },
};

function event(seq: number, action: string, payload: Record<string, unknown>): CaseEvent {
  const occurredAt = `2026-12-0${seq}T10:00:00.000Z`;
  return {
    seq,
    actor: 'applicant-1',
    action,
    fromStage: 'BASELINE_CHECKS',
    toStage: 'BASELINE_CHECKS',
    occurredAt,
    payload,
  };
}

describe('latestDeclaration', () => {
  it('is null before the applicant declares', () => {
    expect(latestDeclaration([event(1, 'ASSIGN_OFFICER', { officerId: 'officer-1' })])).toBeNull();
  });

  it('shows the latest of several declarations, part by part, in the officer’s headings', () => {
    const first = {
      ...declaration,
      rightToWork: { evidenceKind: 'BRITISH_PASSPORT', evidenceReference: '1' },
    };
    const view = latestDeclaration([
      event(1, 'SUBMIT_BASELINE', { declaration: first }),
      event(2, 'RECORD_BASELINE_OUTCOME', { outcome: 'NEEDS_INFORMATION', missingItems: ['A share code'] }),
      event(3, 'SUBMIT_BASELINE', { declaration }),
    ]);
    expect(view).toMatchObject({ number: 2, submittedAt: '2026-12-03T10:00:00.000Z' });
    expect(view?.parts.map((p) => p.title)).toEqual([
      'Identity document',
      'Right to work and nationality',
      'Employment in the last 3 years',
      'Unspent convictions',
      'Stays abroad of 6 months or more in the last 3 years',
    ]);
    const text = JSON.stringify(view);
    expect(text).toContain('W4X-7YZ-123');
    expect(text).toContain('Acme Ltd');
    expect(text).not.toContain('BRITISH_PASSPORT');
  });

  it('heads the parts with the figures the case asked under', () => {
    const view = latestDeclaration([event(1, 'SUBMIT_BASELINE', { declaration })], {
      historyYears: 5,
      maxUnexplainedGapDays: 28,
      abroadYears: 2,
      abroadMinimumMonths: 3,
    });
    expect(view?.parts.map((p) => p.title)).toContain('Employment in the last 5 years');
    expect(view?.parts.map((p) => p.title)).toContain('Stays abroad of 3 months or more in the last 2 years');
  });

  it('ignores a submission event whose declaration is not there (sealed for a reader without access)', () => {
    expect(latestDeclaration([event(1, 'SUBMIT_BASELINE', { declaration: '[sealed]' })])).toBeNull();
  });
});
