import { Module } from '@nestjs/common';
import { StaffDirectory } from '../staff/staff-directory.service';
import { AftercareStaffController } from './aftercare-staff.controller';
import { HolderController } from './holder.controller';
import { LineManagerController } from './line-manager.controller';
import { SponsorAftercareController } from './sponsor-aftercare.controller';
import { TransferController } from './transfer.controller';

/**
 * The aftercare of a held clearance (issue 12): its holder's, its sponsor's, its line manager's and the vetting
 * team's pages.
 */
@Module({
  controllers: [
    HolderController,
    SponsorAftercareController,
    LineManagerController,
    AftercareStaffController,
    TransferController,
  ],
  // The team lead's officer picker for review tasks reads the staff directory, as the team queue's does.
  providers: [StaffDirectory],
})
export class AftercareModule {}
