import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, describeError, LOCAL_USERS } from '../../../../libs/config/src';
import { DomainError, Principal, staffRolesOf } from '../../../../libs/domain/src';
import { StaffDirectoryStore } from '../../../../libs/persistence/src';
import type { ListStaffQueryDto, StaffPageView } from './staff.dto';

/** How long the claims last recorded for a caller are trusted to be in the directory already. */
const RECORDED_FOR_MS = 5 * 60_000;
/** Callers remembered at most; beyond this the memory starts again (the database stays right either way). */
const MAX_REMEMBERED = 10_000;

/**
 * The staff directory behind assignment checks and officer pickers. In production it is kept from the identity
 * provider's claims: every authenticated request of someone with a staff role (or who had one) records their
 * roles, team and name, at most once per caller every few minutes unless the claims change. On the embedded
 * default (local development keys) it starts with the local users, who are the only people tokens exist for.
 */
@Injectable()
export class StaffDirectoryService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StaffDirectoryService.name);
  private readonly recorded = new Map<string, { claims: string; at: number }>();

  constructor(
    private readonly store: StaffDirectoryStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Production refuses to boot without AUTH_JWKS_URL, so the local users never enter a real directory.
    if (this.config.auth.jwksUrl !== null) return;
    await this.store.seed(
      LOCAL_USERS.filter((user) => staffRolesOf(user.roles).length > 0).map((user) => ({
        userId: user.subject,
        displayName: user.name,
        roles: staffRolesOf(user.roles),
        team: user.team ?? null,
      })),
    );
    this.logger.log({ message: 'staff directory seeded with the local users' });
  }

  /**
   * Records what an authenticated request's claims say about its caller. Best effort: a directory that cannot
   * be written must not refuse the request (an assignment to someone not yet recorded is refused anyway).
   */
  async seen(principal: Principal, displayName: string | null): Promise<void> {
    const roles = staffRolesOf(principal.roles);
    const claims = JSON.stringify([roles, principal.team ?? null, displayName]);
    const last = this.recorded.get(principal.subject);
    if (last?.claims === claims && Date.now() - last.at < RECORDED_FOR_MS) return;
    try {
      // Someone who never held a staff role is never in the directory: nothing to record or clear.
      const nothingToDo =
        roles.length === 0 && last === undefined && !(await this.store.find(principal.subject));
      if (!nothingToDo) {
        await this.store.recordClaims({
          userId: principal.subject,
          displayName,
          roles,
          team: principal.team,
        });
      }
      this.remember(principal.subject, claims);
    } catch (error) {
      // describeError, never the error itself: a database error carries the SQL parameters (a name among them).
      this.logger.warn({ message: 'could not record staff claims', error: describeError(error) });
    }
  }

  /** A page of the directory. A team lead sees their own team only; asking for another team is refused. */
  async list(principal: Principal, query: ListStaffQueryDto): Promise<StaffPageView> {
    const team = this.teamFor(principal, query.team);
    const { items, total } = await this.store.list({
      role: query.role,
      team,
      page: query.page,
      pageSize: query.pageSize,
    });
    return {
      items: items.map((m) => ({ ...m, updatedAt: m.updatedAt.toISOString() })),
      page: query.page,
      pageSize: query.pageSize,
      total,
      totalPages: Math.ceil(total / query.pageSize),
    };
  }

  private teamFor(principal: Principal, asked: string | undefined): string | undefined {
    if (principal.roles.includes('ADMIN')) return asked;
    // A team lead with no team claim leads no team: their list is of a team nobody is in.
    const own = principal.team ?? '';
    if (asked !== undefined && asked !== own) {
      throw new DomainError('FORBIDDEN', "a team lead sees their own team's staff only");
    }
    return own;
  }

  private remember(subject: string, claims: string): void {
    if (this.recorded.size >= MAX_REMEMBERED) this.recorded.clear();
    this.recorded.set(subject, { claims, at: Date.now() });
  }
}
