import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { WebAppConfig } from '../../../libs/config/src';
import { ApiClient } from './api/api-client.service';
import { LocalSignInController } from './auth/local-sign-in.controller';
import { OidcSignInController } from './auth/oidc-sign-in.controller';
import { OidcSignInService } from './auth/oidc-sign-in.service';
import { SignOutController } from './auth/sign-out.controller';
import { WebAuthGuard } from './auth/web-auth.guard';
import { WebErrorFilter } from './common/web-error.filter';
import { HomeController } from './home/home.controller';
import { PAGE_MODULES } from './pages';
import { WEB_APP_CONFIG } from './web-config.token';

/** Shared by every page module: configuration and the API client. */
@Module({})
export class WebCoreModule {
  static register(config: WebAppConfig): DynamicModule {
    return {
      module: WebCoreModule,
      global: true,
      providers: [{ provide: WEB_APP_CONFIG, useValue: config }, ApiClient],
      exports: [WEB_APP_CONFIG, ApiClient],
    };
  }
}

/**
 * The web service. How people sign in depends on configuration: the OIDC controller when an issuer is set, the
 * local sign-in page otherwise, and never the local page in production (config refuses production without OIDC).
 */
@Module({})
export class WebModule {
  static register(config: WebAppConfig): DynamicModule {
    const oidc = config.web.oidc !== null;
    const signIn: Type[] = oidc
      ? [OidcSignInController]
      : config.runtime.production
        ? []
        : [LocalSignInController];
    return {
      module: WebModule,
      imports: [WebCoreModule.register(config), ...PAGE_MODULES],
      controllers: [HomeController, SignOutController, ...signIn],
      providers: [
        ...(oidc ? [OidcSignInService] : []),
        { provide: APP_GUARD, useClass: WebAuthGuard },
        { provide: APP_FILTER, useClass: WebErrorFilter },
      ],
    };
  }
}
