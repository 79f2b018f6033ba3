import { join } from 'node:path';
import { repoRoot } from '../../../libs/config/src';

const ROOT = repoRoot();

/** Where the templates, static files and the design systems' assets are read from. */
export const WEB_PATHS = {
  views: join(ROOT, 'apps/web/views'),
  public: join(ROOT, 'apps/web/public'),
  govuk: join(ROOT, 'node_modules/govuk-frontend/dist'),
  moj: join(ROOT, 'node_modules/@ministryofjustice/frontend'),
} as const;
