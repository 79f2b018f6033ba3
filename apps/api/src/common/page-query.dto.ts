import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `true`/`false` in a query string as a boolean; anything else is left for @IsBoolean to refuse. */
export const parseBooleanQuery = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** `a,b` (or `a&sla=b`, which arrives as an array) in a query string as a list; empty parts are dropped. */
export const parseListQuery = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' || Array.isArray(value)
    ? [value]
        .flat()
        .flatMap((v: unknown) => (typeof v === 'string' ? v.split(',') : [v]))
        .filter((v) => v !== '')
    : value;

/**
 * The highest page number any list accepts. `page=1e21` parses as an integer, and its offset overflowed
 * PostgreSQL's bigint (a 500); no list here is anywhere near 10,000 pages, so anything above is a mistake or
 * a probe and is refused with 400 before it reaches a query.
 */
export const MAX_PAGE = 10_000;

/** The paging of one list: its default and largest page size. */
export interface PagingPolicy {
  defaultPageSize: number;
  maxPageSize: number;
}

/**
 * The one definition of `page` and `pageSize` for every list route: 1-based pages up to {@link MAX_PAGE},
 * sizes from 1 to the list's maximum. A list with other sizes extends `PageQuery({...})` rather than
 * declaring its own fields, so no list can forget the bounds.
 */
export function PageQuery(policy: PagingPolicy): new () => { page: number; pageSize: number } {
  class BoundedPageQueryDto {
    @ApiPropertyOptional({ type: 'integer', default: 1, minimum: 1, maximum: MAX_PAGE })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(MAX_PAGE)
    page = 1;

    @ApiPropertyOptional({
      type: 'integer',
      default: policy.defaultPageSize,
      minimum: 1,
      maximum: policy.maxPageSize,
    })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(policy.maxPageSize)
    pageSize = policy.defaultPageSize;
  }
  return BoundedPageQueryDto;
}

/** The page of a list: 1-based, at most 100 items. */
export class PageQueryDto extends PageQuery({ defaultPageSize: 20, maxPageSize: 100 }) {}
