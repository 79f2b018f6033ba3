import { IsInt, IsOptional, Min } from 'class-validator';
import type { AppealTiming } from '../../domain/src/appeals';
import { AsNumber, defineConcern, Variable } from './variables';

const DAY_MS = 24 * 60 * 60 * 1000;

class AppealPolicyVariables {
  @Variable(
    'how long after the internal appeal outcome intent to go to the independent panel may be registered',
    {
      default: '`2419200000` (28 days)',
    },
  )
  @AsNumber()
  @IsInt()
  @Min(1000)
  @IsOptional()
  APPEAL_PANEL_WINDOW_MS = 28 * DAY_MS;

  @Variable('how long the panel secretary has to acknowledge a registration of intent', {
    default: '`604800000` (7 days)',
  })
  @AsNumber()
  @IsInt()
  @Min(1000)
  @IsOptional()
  APPEAL_ACKNOWLEDGE_MS = 7 * DAY_MS;

  @Variable('how long each side has for its statement of case, from the acknowledgement', {
    default: '`2419200000` (28 days)',
  })
  @AsNumber()
  @IsInt()
  @Min(1000)
  @IsOptional()
  APPEAL_STATEMENT_MS = 28 * DAY_MS;

  @Variable('target response time of a complaint', { default: '`1728000000` (20 days)' })
  @AsNumber()
  @IsInt()
  @Min(1000)
  @IsOptional()
  COMPLAINT_RESPONSE_MS = 20 * DAY_MS;

  @Variable(
    'how long before each appeal deadline (intent, acknowledgement, statements of case, complaint response) whoever has to act is reminded; `0` sends no lead reminders',
    { default: '`259200000` (3 days)' },
  )
  @AsNumber()
  @IsInt()
  @Min(0)
  @IsOptional()
  APPEAL_REMINDER_LEAD_MS = 3 * DAY_MS;
}

/** APPEAL_* and COMPLAINT_RESPONSE_MS: the windows, targets and reminder lead time each new appeal or complaint is started with. */
export const appealPolicyConfig = defineConcern({
  title: 'Appeals policy',
  summary:
    'Windows, targets and the reminder lead time of appeals and complaints, fixed into each one when it is made.',
  variables: AppealPolicyVariables,
  build: (vars): AppealTiming => ({
    panelWindowMs: vars.APPEAL_PANEL_WINDOW_MS,
    acknowledgeWithinMs: vars.APPEAL_ACKNOWLEDGE_MS,
    statementWithinMs: vars.APPEAL_STATEMENT_MS,
    complaintResponseMs: vars.COMPLAINT_RESPONSE_MS,
    reminderLeadMs: vars.APPEAL_REMINDER_LEAD_MS,
  }),
});
