import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';

/** The auditor's search of the audit trail and the chain verification. */
@Module({ controllers: [AuditController] })
export class AuditModule {}
