import { Inject, Injectable } from '@nestjs/common';
import { LOCAL_USERS } from '../../../../libs/config/src';
import type { WebAppConfig } from '../../../../libs/config/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { WEB_APP_CONFIG } from '../web-config.token';

/** A member of staff as pickers show them. */
export interface StaffMember {
  id: string;
  name: string;
  team: string | null;
}

interface StaffRow {
  id?: unknown;
  subject?: unknown;
  userId?: unknown;
  displayName?: unknown;
  name?: unknown;
  team?: unknown;
  roles?: unknown;
}

/**
 * Officers to pick from: the API's staff directory (GET /staff) when it has one; otherwise, on the embedded
 * default, the local users, and in any case the officers already working the team's cases. The API refuses an
 * assignment to anyone who is not an officer of the case's team, whichever list the picker came from.
 */
@Injectable()
export class StaffDirectory {
  constructor(
    private readonly api: ApiClient,
    @Inject(WEB_APP_CONFIG) private readonly config: WebAppConfig,
  ) {}

  async officers(
    caller: ApiCaller,
    team: string | undefined,
    seen: (string | null)[] = [],
  ): Promise<StaffMember[]> {
    const fromApi = await this.fromApi(caller, team);
    if (fromApi) return fromApi;
    const local = this.config.web.oidc
      ? []
      : LOCAL_USERS.filter((u) => u.roles.includes('VETTING_OFFICER') && (!team || u.team === team)).map(
          (u) => ({
            id: u.subject,
            name: u.name,
            team: u.team ?? null,
          }),
        );
    const known = new Set(local.map((o) => o.id));
    const others = [...new Set(seen.filter((s): s is string => !!s && !known.has(s)))].map((id) => ({
      id,
      name: id,
      team: team ?? null,
    }));
    return [...local, ...others].sort((a, b) => a.name.localeCompare(b.name));
  }

  private async fromApi(caller: ApiCaller, team: string | undefined): Promise<StaffMember[] | undefined> {
    try {
      const answer = await this.api.get<StaffRow[] | { items: StaffRow[] }>(caller, '/staff', {
        role: 'VETTING_OFFICER',
        team,
        // One page holds a team's officers (the API's largest page).
        pageSize: '100',
      });
      const rows = Array.isArray(answer) ? answer : answer.items;
      return rows
        .filter((r) => !Array.isArray(r.roles) || r.roles.includes('VETTING_OFFICER'))
        .map((r) => {
          const id = [r.id, r.userId, r.subject].find((v): v is string => typeof v === 'string') ?? '';
          const name = [r.displayName, r.name].find((v): v is string => typeof v === 'string') ?? id;
          return { id, name, team: typeof r.team === 'string' ? r.team : null };
        })
        .filter((o) => o.id !== '' && (!team || !o.team || o.team === team))
        .sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      // No directory yet (404), or not for this role (403): fall back.
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return undefined;
      throw error;
    }
  }
}
