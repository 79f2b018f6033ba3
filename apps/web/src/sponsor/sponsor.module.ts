import { Module } from '@nestjs/common';
import { SponsorController } from './sponsor.controller';

/** The sponsor's pages: their applicants, invitations and clearance lookups. */
@Module({ controllers: [SponsorController] })
export class SponsorModule {}
