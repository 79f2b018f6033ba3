// Writes docs/configuration.md from the variables classes in libs/config (`npm run docs:config`).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderConfigReference } from '../libs/config/src/config-reference';

const target = path.resolve(__dirname, '../docs/configuration.md');
writeFileSync(target, renderConfigReference());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
