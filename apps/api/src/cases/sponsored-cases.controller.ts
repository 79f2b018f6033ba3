import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '../../../../libs/domain/src';
import { Audited } from '../audit/audited.decorator';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { ApiStandardResponses } from '../common/api-responses.decorator';
import { CasesService } from './cases.service';
import { PageQueryDto } from '../common/page-query.dto';
import { SponsoredCaseListView, SponsorshipRequestListView } from './dto/case.views';
import { RelatedCasesQueryDto } from './dto/related-cases-query.dto';

/** The sponsor's own list: the cases they sponsor, as much of each as a sponsor may see. */
@ApiStandardResponses()
@ApiTags('cases')
@Controller('sponsored-cases')
export class SponsoredCasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @Allow('SPONSOR')
  @Audited('SPONSORED_CASE_LIST')
  @ApiOperation({
    summary: 'The cases you sponsor, newest first: stage, dates and outcome (never findings)',
  })
  @ApiOkResponse({ type: SponsoredCaseListView })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: RelatedCasesQueryDto,
  ): Promise<SponsoredCaseListView> {
    return this.cases.listSponsored(principal, query);
  }
}

/**
 * The sponsor's sponsorship requests: applications that named no invitation and name this sponsor, held until
 * they confirm the post needs DV (POST /cases/{id}/sponsorship-confirmation) or decline it. No other sponsor sees
 * them.
 */
@ApiStandardResponses()
@ApiTags('cases')
@Controller('sponsorship-requests')
export class SponsorshipRequestsController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @Allow('SPONSOR')
  @Audited('SPONSORSHIP_REQUEST_LIST')
  @ApiOperation({
    summary: 'Applications waiting for you to confirm you sponsor them, oldest first: who, when, until when',
  })
  @ApiOkResponse({ type: SponsorshipRequestListView })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<SponsorshipRequestListView> {
    return this.cases.listSponsorshipRequests(principal, query);
  }
}
