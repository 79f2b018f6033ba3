import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';

/** The page, and optionally open or closed cases only, of the cases someone is party to (applicant, sponsor). */
export class RelatedCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['OPEN', 'CLOSED'] })
  @IsOptional()
  @IsIn(['OPEN', 'CLOSED'], { message: 'status must be OPEN or CLOSED' })
  status?: 'OPEN' | 'CLOSED';
}
