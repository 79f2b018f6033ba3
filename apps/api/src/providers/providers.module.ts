import { Module } from '@nestjs/common';
import { ProviderCallbacksController } from './provider-callbacks.controller';
import { ProviderCallbacksService } from './provider-callbacks.service';

/** Record-check providers' side of the API: the signed callback webhook. */
@Module({
  controllers: [ProviderCallbacksController],
  providers: [ProviderCallbacksService],
})
export class ProvidersModule {}
