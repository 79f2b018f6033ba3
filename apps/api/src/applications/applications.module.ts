import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';

/** Application intake: dedupe, then start the case workflow. */
@Module({
  imports: [CasesModule, InvitationsModule],
  controllers: [ApplicationsController],
  providers: [ApplicationsService],
})
export class ApplicationsModule {}
