import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '../../../../libs/domain/src';
import { Audited } from '../audit/audited.decorator';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { ApiStandardResponses } from '../common/api-responses.decorator';
import { StaffDirectoryService } from './staff-directory.service';
import { ListStaffQueryDto, StaffPageView } from './staff.dto';

/** The staff directory: who can be assigned, for team leads' officer pickers. */
@ApiStandardResponses()
@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffDirectoryService) {}

  @Get()
  @Allow('TEAM_LEAD', 'ADMIN')
  @Audited('STAFF_READ')
  @ApiOperation({
    summary:
      "Members of staff by name, filtered by role and team; a team lead's list covers their own team (another team is 403)",
  })
  @ApiOkResponse({ type: StaffPageView })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListStaffQueryDto): Promise<StaffPageView> {
    return this.staff.list(principal, query);
  }
}
