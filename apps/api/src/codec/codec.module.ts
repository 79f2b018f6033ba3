import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AesGcmPayloadCodec } from '../../../../libs/codec/src';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import { CasesModule } from '../cases/cases.module';
import { CodecCorsMiddleware } from './codec-cors.middleware';
import { CodecController, PAYLOAD_CODEC } from './codec.controller';

/** The remote codec endpoint for the Temporal UI, with CORS for the UI's origin. */
@Module({
  imports: [CasesModule],
  controllers: [CodecController],
  providers: [
    {
      provide: PAYLOAD_CODEC,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new AesGcmPayloadCodec(config.codec.keyring),
    },
    CodecCorsMiddleware,
  ],
})
export class CodecModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Every method, so the browser's OPTIONS preflight reaches the middleware although no route handles it.
    consumer.apply(CodecCorsMiddleware).forRoutes({ path: 'codec/*path', method: RequestMethod.ALL });
  }
}
