/** Injection token for the web service's validated configuration (WebAppConfig). */
export const WEB_APP_CONFIG = Symbol('WEB_APP_CONFIG');
