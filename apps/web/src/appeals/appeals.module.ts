import { Module } from '@nestjs/common';
import { AppealStaffController } from './appeal-staff.controller';
import { AppealsController } from './appeals.controller';
import { AppellantController } from './appellant.controller';

/**
 * Appeals and complaints: the staff's queue, one appeal's page and forms, and the appellant's own pages (under
 * `/your-appeals`). The staff controller stays last: its `/appeals/:appealId` must not answer a fixed address
 * another controller here has.
 */
@Module({ controllers: [AppealsController, AppellantController, AppealStaffController] })
export class AppealsModule {}
