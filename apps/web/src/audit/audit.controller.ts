import { Controller, Get, Query, Render } from '@nestjs/common';
import type { AuditEntry, AuditVerification, ListPage } from '../../../../libs/contracts/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { Caller, Roles } from '../auth/auth.decorators';
import { caseRef } from '../cases/case.types';
import { pagination } from '../common/pagination';
import { auditFilters, readAuditSearch } from './audit-filters';
import type { AuditSearch } from './audit-filters';

type AuditPage = ListPage<AuditEntry>;

/** The query string the pagination links keep. */
function linkFilters(search: AuditSearch): Record<string, string | number> {
  return {
    caseId: search.caseId,
    actor: search.actor,
    action: search.action,
    'from-day': search.from.day,
    'from-month': search.from.month,
    'from-year': search.from.year,
    'to-day': search.to.day,
    'to-month': search.to.month,
    'to-year': search.to.year,
  };
}

/**
 * The auditor's pages: search the audit trail by case, actor, action and day, and verify the hash chain. Both
 * read the API as the signed-in person (the API allows auditors and admins, and audits the reading itself).
 */
@Controller('audit')
@Roles('AUDITOR', 'ADMIN')
export class AuditController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  @Render('audit/index')
  async search(@Caller() caller: ApiCaller, @Query() query: Record<string, unknown>): Promise<object> {
    const search = readAuditSearch(query);
    const filters = auditFilters(search);
    if (!filters.ok) {
      return {
        search,
        errors: filters.errors,
        // The same messages by field, for each field's own error message.
        fieldErrors: Object.fromEntries(filters.errors.map((e) => [e.href, e.text])),
      };
    }
    try {
      const page = await this.api.get<AuditPage>(caller, '/audit', filters.query);
      return {
        search,
        total: page.total,
        rows: page.items.map((e) => ({ ...e, caseRef: e.caseId ? caseRef(e.caseId) : null })),
        pagination: pagination('/audit', { ...linkFilters(search), page: search.page }, page),
      };
    } catch (error) {
      // The form checks what the API checks; should they ever differ, the API's word is shown on the form.
      if (error instanceof ApiError && error.status === 400) {
        return { search, errors: [{ text: error.body.message, href: '#caseId' }] };
      }
      throw error;
    }
  }

  @Get('verify')
  @Render('audit/verify')
  async verify(@Caller() caller: ApiCaller): Promise<object> {
    return { result: await this.api.get<AuditVerification>(caller, '/audit/verify') };
  }
}
