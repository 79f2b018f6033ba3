import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { CONFIG_CONCERNS, describeVariables, renderConfigReference } from '../../libs/config/src';

describe('docs/configuration.md', () => {
  it('is the reference rendered from the configuration classes (regenerate with `npm run docs:config`)', () => {
    const committed = readFileSync(path.resolve(__dirname, '../../docs/configuration.md'), 'utf8');
    expect(committed).toBe(renderConfigReference());
  });

  it('documents every variable the apps validate', () => {
    for (const concern of CONFIG_CONCERNS) {
      const validated = new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(concern.variables, '', true, false)
          .map((m) => m.propertyName),
      );
      const documented = describeVariables(concern.variables).map((v) => v.name);
      expect({ concern: concern.title, documented: [...documented].sort() }).toEqual({
        concern: concern.title,
        documented: [...validated].sort(),
      });
    }
  });
});
