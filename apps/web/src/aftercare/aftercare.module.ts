import { Module } from '@nestjs/common';
import { AftercareStaffController } from './aftercare-staff.controller';
import { HolderController } from './holder.controller';
import { SponsorAftercareController } from './sponsor-aftercare.controller';
import { TransferController } from './transfer.controller';

/** The aftercare of a held clearance (issue 12): its holder's, its sponsor's and the vetting team's pages. */
@Module({
  controllers: [HolderController, SponsorAftercareController, AftercareStaffController, TransferController],
})
export class AftercareModule {}
