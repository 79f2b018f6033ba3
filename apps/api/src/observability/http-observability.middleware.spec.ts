import type { Request } from 'express';
import { routeTemplate, UNMATCHED_ROUTE } from './http-observability.middleware';

const requestWith = (route: unknown, baseUrl = ''): Request => ({ route, baseUrl }) as unknown as Request;

describe('routeTemplate', () => {
  it('labels a request by the template of the handler that matched it', () => {
    expect(routeTemplate(requestWith({ path: '/cases/:id' }))).toBe('/cases/:id');
    expect(routeTemplate(requestWith({ path: '/:id' }, '/cases'))).toBe('/cases/:id');
  });

  it('labels a request no handler matched as unmatched, never by its path', () => {
    expect(routeTemplate(requestWith(undefined))).toBe(UNMATCHED_ROUTE);
  });

  it("treats a middleware's wildcard mount as unmatched (nestjs-pino mounts its logger on /{*path})", () => {
    expect(routeTemplate(requestWith({ path: '/{*path}' }))).toBe(UNMATCHED_ROUTE);
    expect(routeTemplate(requestWith({ path: '/codec/*path' }))).toBe(UNMATCHED_ROUTE);
  });
});
