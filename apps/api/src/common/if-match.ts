import { DomainError } from '../../../../libs/domain/src';

// A draft version as an entity tag: `3` or `"3"` (what the ETag of the last read or save said). Weak tags and
// lists are refused: a draft's version is exact, and one tab sends the one version it loaded.
const IF_MATCH = /^\s*"?(\d{1,9})"?\s*$/;

/**
 * The If-Match header as the draft version the caller loaded (questionnaire and baseline drafts); undefined when
 * absent, so a save without it wins as before. Anything else is a 400 naming the header.
 */
export function draftVersionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = IF_MATCH.exec(header);
  if (!match) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'If-Match must be the draft version you loaded, e.g. If-Match: "3"',
      {
        fields: [{ field: 'If-Match', problems: ['must be a draft version number'] }],
      },
    );
  }
  return Number(match[1]);
}
