import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';

/** The HR analyst's dashboard (team leads and admins see it too, with the figures the API gives them). */
@Module({ controllers: [DashboardController] })
export class HrModule {}
