import { Module } from '@nestjs/common';
import { RefusedWritesController } from './refused-writes.controller';
import { RefusedWritesService } from './refused-writes.service';

/** Refused writes (activity_failure) for administrators: list the open ones, resolve one. */
@Module({
  controllers: [RefusedWritesController],
  providers: [RefusedWritesService],
})
export class RefusedWritesModule {}
