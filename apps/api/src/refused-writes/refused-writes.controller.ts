import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../../../../libs/domain/src';
import { Audited, setAuditCaseId } from '../audit/audited.decorator';
import { Allow, AuthenticatedRequest } from '../auth/auth.decorators';
import { ApiStandardResponses } from '../common/api-responses.decorator';
import { RefusedWritesView, RefusedWriteView } from './refused-writes.dto';
import { RefusedWritesService } from './refused-writes.service';

const failureIdPipe = new ParseIntPipe({
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', 'refused write id must be a whole number', {
      fields: [{ field: 'id', problems: ['must be a whole number'] }],
    }),
});

/** Writes the database refused for good (docs/operations.md, Refused writes), for administrators. */
@ApiStandardResponses()
@ApiTags('refused-writes')
@Controller('refused-writes')
@Allow('ADMIN')
export class RefusedWritesController {
  constructor(private readonly refused: RefusedWritesService) {}

  @Get()
  @Audited('REFUSED_WRITE_READ')
  @ApiOperation({ summary: 'The refused writes not yet resolved, oldest first (ids and codes only)' })
  @ApiOkResponse({ type: RefusedWritesView })
  async list(): Promise<RefusedWritesView> {
    return { items: await this.refused.open() };
  }

  @Post(':failureId/resolution')
  @HttpCode(200)
  @Audited('REFUSED_WRITE_RESOLVE')
  @ApiOperation({
    summary:
      'Mark a refused write resolved once the case record is repaired (or the gap judged harmless); 404 unknown, 409 already resolved',
  })
  @ApiOkResponse({ type: RefusedWriteView })
  async resolve(
    @Param('failureId', failureIdPipe) id: number,
    @Req() request: AuthenticatedRequest,
  ): Promise<RefusedWriteView> {
    // The audit row names the case whose alert this closes (the URL names only the failure).
    const caseId = await this.refused.caseOf(id);
    if (caseId) setAuditCaseId(request, caseId);
    return this.refused.resolve(id);
  }
}
