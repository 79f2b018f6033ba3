import { Module } from '@nestjs/common';
import { AppealsController } from './appeals.controller';
import { AppealsService } from './appeals.service';

/** Appeals against refusal or withdrawal of clearance, and recruits' complaints (issue 12). */
@Module({
  controllers: [AppealsController],
  providers: [AppealsService],
})
export class AppealsModule {}
