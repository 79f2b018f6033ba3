import type { ArgumentMetadata } from '@nestjs/common';
import { ListAuditQueryDto } from '../audit/audit.dto';
import { ListCasesQueryDto } from '../cases/dto/list-cases-query.dto';
import { ListInboxQueryDto } from '../inbox/inbox.dto';
import { DomainError } from '../../../../libs/domain/src';
import { MAX_PAGE } from './page-query.dto';
import { createValidationPipe } from './validation';

const pipe = createValidationPipe();

async function refusedFields(metatype: ArgumentMetadata['metatype'], query: object): Promise<string[]> {
  try {
    await pipe.transform(query, { type: 'query', metatype });
  } catch (error) {
    const details = (error as DomainError).details as { fields: { field: string }[] };
    return details.fields.map((f) => f.field);
  }
  return [];
}

describe('issue 9 item 18: paging is bounded on every list (page=1e21 answered 500)', () => {
  const lists = [
    ['GET /cases', ListCasesQueryDto],
    ['GET /audit', ListAuditQueryDto],
    ['GET /inbox', ListInboxQueryDto],
  ] as const;

  it.each(lists)('%s refuses page=1e21 and any page above the bound', async (_route, dto) => {
    expect(await refusedFields(dto, { page: '1e21' })).toEqual(['page']);
    expect(await refusedFields(dto, { page: String(MAX_PAGE + 1) })).toEqual(['page']);
    expect(await refusedFields(dto, { page: '9223372036854775807' })).toEqual(['page']);
    expect(await refusedFields(dto, { page: String(MAX_PAGE) })).toEqual([]);
  });

  it.each(lists)('%s keeps its own page size bounds', async (_route, dto) => {
    expect(await refusedFields(dto, { pageSize: '0' })).toEqual(['pageSize']);
    expect(await refusedFields(dto, { pageSize: '1e21' })).toEqual(['pageSize']);
  });

  it('GET /audit still allows 200 rows a page, the others 100', async () => {
    expect(await refusedFields(ListAuditQueryDto, { pageSize: '200' })).toEqual([]);
    expect(await refusedFields(ListCasesQueryDto, { pageSize: '101' })).toEqual(['pageSize']);
    expect(await refusedFields(ListInboxQueryDto, { pageSize: '101' })).toEqual(['pageSize']);
  });
});
