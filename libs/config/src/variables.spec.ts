import { IsInt, IsOptional, Max } from 'class-validator';
import {
  AsNumber,
  ConfigError,
  defineConcern,
  describeVariables,
  parseJsonObject,
  readConcern,
  Variable,
} from './variables';

class Sample {
  @Variable('a number')
  @AsNumber()
  @IsInt()
  @Max(10)
  @IsOptional()
  SAMPLE_NUMBER = 3;

  @Variable('a computed default', { default: 'whatever the day says' })
  @AsNumber()
  @IsInt()
  @IsOptional()
  SAMPLE_OTHER?: number;
}

const sample = defineConcern({
  title: 'Sample',
  summary: 'For the test.',
  variables: Sample,
  build: (vars, problems) => {
    if (vars.SAMPLE_NUMBER === 4) problems.push('SAMPLE_NUMBER must not be 4');
    return { n: vars.SAMPLE_NUMBER, other: vars.SAMPLE_OTHER ?? null };
  },
});

describe('configuration variables', () => {
  it('reads defaults from the class and numbers from strings', () => {
    expect(readConcern(sample, {})).toEqual({ n: 3, other: null });
    expect(readConcern(sample, { SAMPLE_NUMBER: '7', SAMPLE_OTHER: '2' })).toEqual({ n: 7, other: 2 });
  });

  it('names every broken rule at once, decorator and build checks alike', () => {
    const problems: string[] = [];
    sample.read({ SAMPLE_NUMBER: '11', SAMPLE_OTHER: 'two' }, problems);
    expect(problems).toEqual([
      expect.stringMatching(/^SAMPLE_NUMBER must not be greater than 10/),
      expect.stringMatching(/^SAMPLE_OTHER must be an integer/),
    ]);
    expect(() => readConcern(sample, { SAMPLE_NUMBER: '4' })).toThrow(ConfigError);
    expect(() => readConcern(sample, { SAMPLE_NUMBER: '4' })).toThrow(/SAMPLE_NUMBER must not be 4/);
  });

  it('describes each variable with its default', () => {
    expect(describeVariables(Sample)).toEqual([
      { name: 'SAMPLE_NUMBER', meaning: 'a number', default: '`3`' },
      { name: 'SAMPLE_OTHER', meaning: 'a computed default', default: 'whatever the day says' },
    ]);
  });

  it.each(['[1]', '"text"', '{not json', 'null', '3'])('refuses %s where a JSON object is due', (raw) => {
    const problems: string[] = [];
    expect(parseJsonObject('SAMPLE_JSON', raw, '{"a":1}', problems)).toBeUndefined();
    expect(problems).toEqual(['SAMPLE_JSON must be a JSON object, e.g. {"a":1}']);
  });

  it('treats an unset or blank JSON variable as absent', () => {
    const problems: string[] = [];
    expect(parseJsonObject('SAMPLE_JSON', undefined, '{}', problems)).toBeUndefined();
    expect(parseJsonObject('SAMPLE_JSON', '  ', '{}', problems)).toBeUndefined();
    expect(parseJsonObject('SAMPLE_JSON', '{"a":1}', '{}', problems)).toEqual({ a: 1 });
    expect(problems).toEqual([]);
  });
});
