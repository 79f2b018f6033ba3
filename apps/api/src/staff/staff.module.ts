import { Module } from '@nestjs/common';
import { StaffDirectoryService } from './staff-directory.service';
import { StaffController } from './staff.controller';

/** The staff directory: kept from identity-provider claims, read by assignment checks and officer pickers. */
@Module({
  controllers: [StaffController],
  providers: [StaffDirectoryService],
  exports: [StaffDirectoryService],
})
export class StaffModule {}
