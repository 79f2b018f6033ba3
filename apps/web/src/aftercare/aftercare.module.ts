import { Module } from '@nestjs/common';
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
})
export class AftercareModule {}
