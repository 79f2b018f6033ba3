import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, Role } from '../../../../libs/domain/src';
import { AUDITED_ACTION } from '../audit/audited.decorator';
import { auditEntryFor, failureOutcome } from '../audit/audit.interceptor';
import { AuditService } from '../audit/audit.service';
import { ALLOWED_ROLES, AuthenticatedRequest, PUBLIC_ROUTE } from './auth.decorators';
import { StaffDirectoryService } from '../staff/staff-directory.service';
import { TokenVerifier, VerifiedIdentity } from './token-verifier.service';

/**
 * Every route needs a valid bearer token and a role it allows, unless marked @Public. A route with no @Allow is
 * closed to everyone: forgetting an access rule fails safe (and fails the authorisation-matrix test). Refusals
 * on audited routes are audited here, since guards run before the audit interceptor.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly audit: AuditService,
    private readonly staff: StaffDirectoryService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      const identity = await this.authenticate(request);
      request.principal = identity.principal;
      // The staff directory is kept from the identity provider's claims, as they arrive.
      await this.staff.seen(identity.principal, identity.displayName);
      const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? [];
      if (!request.principal.roles.some((role) => allowed.includes(role))) {
        throw new DomainError('FORBIDDEN', 'your role does not allow this');
      }
      return true;
    } catch (error) {
      await this.auditRefusal(request, targets, error);
      throw error;
    }
  }

  private async authenticate(request: AuthenticatedRequest): Promise<VerifiedIdentity> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header) : null;
    if (!match?.[1])
      throw new DomainError('UNAUTHENTICATED', 'send an access token: Authorization: Bearer <token>');
    return this.verifier.identify(match[1]);
  }

  private async auditRefusal(
    request: AuthenticatedRequest,
    targets: Parameters<Reflector['getAllAndOverride']>[1],
    error: unknown,
  ): Promise<void> {
    const action = this.reflector.getAllAndOverride<string | undefined>(AUDITED_ACTION, targets);
    if (action === undefined) return;
    try {
      await this.audit.recordRefusal(
        { ...auditEntryFor(request, action), outcome: failureOutcome(error) },
        request.principal === undefined,
      );
    } catch (auditError) {
      // The request is refused anyway; losing the record of a refusal is logged, not turned into a 503.
      this.logger.error({ message: 'could not audit a refused request', action, error: String(auditError) });
    }
  }
}
