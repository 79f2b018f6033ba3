import { ukDateOf } from '../../../../libs/domain/src';
import type { IsoDate } from '../../../../libs/domain/src';

/** Today's date in the UK: "not in the future" is judged on the applicant's calendar, not the server's. */
export function ukToday(now: Date = new Date()): IsoDate {
  return ukDateOf(now.toISOString());
}
