import type { Principal } from '../../libs/domain/src';
import type { ApiHarness } from './api-harness';
import { until } from './until';

/**
 * Sponsorship comes only from an invitation: the sponsor invites the applicant, and the application names the
 * invitation. Returns the invitation id once its workflow has recorded it (so the application can use it).
 */
export async function invitationFrom(
  api: ApiHarness,
  sponsor: Principal,
  applicant: Principal,
): Promise<string> {
  const res = await api.as(sponsor).post('/invitations', { applicantId: applicant.subject });
  if (res.status !== 201) throw new Error(`invitation refused: ${res.status} ${JSON.stringify(res.body)}`);
  const invitationId = (res.body as { invitationId: string }).invitationId;
  await until('the invitation to be usable', async () => {
    const seen = await api.as(applicant).get(`/invitations/${invitationId}`);
    return seen.status === 200 ? true : undefined;
  });
  return invitationId;
}
