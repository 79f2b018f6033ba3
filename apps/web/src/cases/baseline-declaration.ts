import { answerRows } from '../applicant/questionnaire-form';
import type { AnswerRow } from '../applicant/questionnaire-form';
import type { BaselinePolicy } from '../../../../libs/domain/src';
import { BASELINE_SECTIONS, baselinePolicyWords } from '../applicant/baseline-sections';
import type { CaseEvent } from './case.types';

/**
 * The officer's headings for the parts of a declaration (the form's own titles speak to the applicant), naming
 * the figures the case's declaration was asked under.
 */
function officerTitles(policy?: BaselinePolicy): Record<string, string> {
  const words = baselinePolicyWords(policy);
  return {
    identity: 'Identity document',
    rightToWork: 'Right to work and nationality',
    employment: `Employment in ${words.history}`,
    convictions: 'Unspent convictions',
    abroad: `Stays abroad of ${words.shortestStay} in ${words.abroadWindow}`,
  };
}

/** The applicant's latest baseline declaration, part by part, as the officer's page shows it. */
export interface DeclarationView {
  /** Which declaration this is: 1 for the first, 2 after one request for more information, and so on. */
  number: number;
  submittedAt: string;
  parts: { key: string; title: string; rows: AnswerRow[] }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The latest declaration in the case history. The API opens the sealed SUBMIT_BASELINE payloads only for those
 * allowed to read the case, so the history the officer's page receives is where the declaration is: no second
 * route, and nothing of it in a URL. Null when the applicant has not declared yet. `policy`: the case's
 * baseline figures (BaselineState.policy; the published ones when the case recorded none).
 */
export function latestDeclaration(
  history: readonly CaseEvent[],
  policy?: BaselinePolicy,
): DeclarationView | null {
  const submissions = history.filter(
    (e) => e.action === 'SUBMIT_BASELINE' && isRecord(e.payload.declaration),
  );
  const latest = submissions[submissions.length - 1];
  if (!latest || !isRecord(latest.payload.declaration)) return null;
  const declaration = latest.payload.declaration;
  const titles = officerTitles(policy);
  return {
    number: submissions.length,
    submittedAt: latest.occurredAt,
    parts: BASELINE_SECTIONS.map((spec) => ({
      key: spec.key,
      title: titles[spec.key] ?? spec.title,
      rows: answerRows(spec, declaration[spec.key]),
    })),
  };
}
