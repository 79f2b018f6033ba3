import { CONFIG_CONCERNS } from './app-config';
import type { ConfigConcern } from './variables';
import { describeVariables } from './variables';

/** docs/configuration.md, rendered from the variables classes; a unit test fails when the committed file drifts. */
export function renderConfigReference(concerns: readonly ConfigConcern<unknown>[] = CONFIG_CONCERNS): string {
  const sections = concerns.map((concern) => {
    const rows = describeVariables(concern.variables).map((v) => [`\`${v.name}\``, v.default, v.meaning]);
    return [
      `## ${concern.title}`,
      '',
      concern.summary,
      '',
      ...table(['variable', 'default', 'meaning'], rows),
    ];
  });
  return [
    '# Configuration',
    '',
    '<!-- Generated from the variables classes in libs/config/src by `npm run docs:config`; do not edit by hand. -->',
    '',
    'The API and the worker read these environment variables once at start-up, check every one and refuse to start',
    'with a list of every bad value (exit code 2). `npm start` sets `DATABASE_URL` and the Temporal address itself.',
    '',
    ...sections.flatMap((lines) => [...lines, '']),
  ].join('\n');
}

// Laid out as Prettier lays out Markdown tables, so the generated file also passes `prettier --check`.
function table(header: string[], rows: string[][]): string[] {
  const cells = [header, ...rows].map((row) => row.map((cell) => cell.replace(/\|/g, '\\|')));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((row) => width(row[i] ?? ''))));
  const line = (row: string[]): string =>
    `| ${row.map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - width(cell))).join(' | ')} |`;
  const [head, ...body] = cells;
  return [line(head ?? []), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}

function width(text: string): number {
  return [...text].length;
}
