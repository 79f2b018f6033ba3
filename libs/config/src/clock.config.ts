import { IsOptional, IsString } from 'class-validator';
import type { ClockPolicy } from '../../domain/src/clock';
import { DEFAULT_CLOCK_POLICY, validateClockPolicy } from '../../domain/src/clock';
import { defineConcern, parseJsonObject, Variable } from './variables';

class ClockVariables {
  @Variable(
    'the stage-clock policy as JSON (unit, calendar, goals, deadlines, chasers, targets); keys given replace the default’s',
    { default: '`DEFAULT_CLOCK_POLICY` in `libs/domain/src/clock`' },
  )
  @IsString()
  @IsOptional()
  CLOCK_POLICY?: string;

  @Variable('JSON of team → user id of its lead, who receives escalations, e.g. `{"dv-team-1":"lead-1"}`', {
    default: 'none',
  })
  @IsString()
  @IsOptional()
  TEAM_LEADS?: string;
}

/** The versioned stage-clock policy each new case is started with, and who leads each team. */
export interface ClockConfig {
  policy: ClockPolicy;
  teamLeads: Record<string, string>;
}

function parseClockPolicy(raw: string | undefined, problems: string[]): ClockPolicy {
  const example = 'shaped like DEFAULT_CLOCK_POLICY in libs/domain/src/clock';
  const parsed = parseJsonObject('CLOCK_POLICY', raw, example, problems);
  if (!parsed) return DEFAULT_CLOCK_POLICY;
  const policy = { ...DEFAULT_CLOCK_POLICY, ...(parsed as Partial<ClockPolicy>) };
  problems.push(...validateClockPolicy(policy).map((p) => `CLOCK_POLICY: ${p}`));
  return policy;
}

function parseTeamLeads(raw: string | undefined, problems: string[]): Record<string, string> {
  const parsed = parseJsonObject('TEAM_LEADS', raw, '{"dv-team-1":"lead-1"}', problems);
  const leads: Record<string, string> = {};
  for (const [team, lead] of Object.entries(parsed ?? {})) {
    if (typeof lead === 'string' && lead.length > 0) leads[team] = lead;
    else problems.push(`TEAM_LEADS.${team} must be the lead's user id`);
  }
  return leads;
}

/** CLOCK_POLICY and TEAM_LEADS. */
export const clockConfig = defineConcern({
  title: 'Stage clocks',
  summary: 'The stage-clock policy new cases start with, and who hears about escalations.',
  variables: ClockVariables,
  build: (vars, problems): ClockConfig => ({
    policy: parseClockPolicy(vars.CLOCK_POLICY, problems),
    teamLeads: parseTeamLeads(vars.TEAM_LEADS, problems),
  }),
});
