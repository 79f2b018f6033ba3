import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderStageDiagram } from '../../libs/domain/src';

describe('README', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

  it('shows the stage diagram rendered from the transition table (regenerate with `npm run docs:stages`)', () => {
    expect(readme).toContain(renderStageDiagram());
  });

  it('puts the two commands at the top', () => {
    const top = readme.split('\n').slice(0, 20).join('\n');
    expect(top).toContain('npm start');
    expect(top).toContain('npm test');
  });
});
