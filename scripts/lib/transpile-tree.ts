// Transpiles the repository's TypeScript sources to CommonJS, file by file, without type-checking: exactly what
// `ts-node --transpile-only` does in memory each time a process starts, done once and written to disk. The test
// run uses it so that the dozens of worker, web and identity-provider processes its suites spawn start from
// JavaScript instead of each re-transpiling the same few hundred files (about 9 s of CPU per start on two cores).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/** The project's compiler options (tsconfig.json), as ts-node would read them, for emitting CommonJS. */
function compilerOptions(root: string): ts.CompilerOptions {
  const file = join(root, 'tsconfig.json');
  const read = ts.readConfigFile(file, (path) => ts.sys.readFile(path));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(read.config, ts.sys, root);
  // Stack traces point at the .ts lines (run node with --enable-source-maps).
  return { ...options, sourceMap: false, inlineSourceMap: true, inlineSources: false, noEmit: false };
}

async function* typeScriptFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* typeScriptFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts'))
      yield path;
  }
}

/**
 * Writes `<outDir>/<dir>/…/<name>.js` for every non-spec `.ts` file under each of `dirs` (relative to `root`),
 * keeping the layout, so relative imports between them resolve as in the source tree. `outDir` must lie inside
 * the repository: the services find their templates and assets by walking up to the nearest package.json, and
 * their packages in the repository's node_modules. Returns the number of files written.
 */
export async function transpileTree(root: string, dirs: string[], outDir: string): Promise<number> {
  const options = compilerOptions(root);
  let written = 0;
  for (const dir of dirs) {
    for await (const source of typeScriptFiles(join(root, dir))) {
      const output = ts.transpileModule(await readFile(source, 'utf8'), {
        compilerOptions: options,
        fileName: source,
        reportDiagnostics: false,
      });
      const target = join(outDir, relative(root, source)).replace(/\.ts$/, '.js');
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, output.outputText);
      written += 1;
    }
  }
  return written;
}
