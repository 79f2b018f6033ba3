import { Module } from '@nestjs/common';
import { AppealStaffController } from './appeal-staff.controller';
import { AppealsController } from './appeals.controller';

/**
 * Appeals and complaints as staff see them: the queue, and one appeal's page and forms. The staff controller
 * stays last: its `/appeals/:appealId` must not answer a fixed address another controller here has.
 */
@Module({ controllers: [AppealsController, AppealStaffController] })
export class AppealsModule {}
