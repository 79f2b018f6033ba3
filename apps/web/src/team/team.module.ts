import { Module } from '@nestjs/common';
import { StaffDirectory } from '../staff/staff-directory.service';
import { TeamController } from './team.controller';

/** The team lead's queue and assignments. */
@Module({ controllers: [TeamController], providers: [StaffDirectory] })
export class TeamModule {}
