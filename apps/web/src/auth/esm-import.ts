/**
 * Loads an ES module (`openid-client` v6 is ESM only) from this CommonJS build. Written as `import(specifier)`
 * in TypeScript, the call would be compiled to `require()` (the project compiles to CommonJS), and Node 20 cannot
 * `require()` an ES module (ERR_REQUIRE_ESM). A function made from a string is not compiled, so the real dynamic
 * `import()` reaches Node, which loads ES modules from CommonJS fine. The module's types come from a type-only
 * import at the call site, which TypeScript erases.
 *
 * Inside Jest's CommonJS runtime this import is refused (it would need --experimental-vm-modules), which is why
 * the browser tests run a web service that signs in with OIDC as a child process.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the point: a string TypeScript does not rewrite
const dynamicImport = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;

/** The ES module `specifier`, typed as the caller says (its `typeof import(...)`). */
export async function importEsm<T>(specifier: string): Promise<T> {
  return (await dynamicImport(specifier)) as T;
}
