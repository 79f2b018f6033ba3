export * from './baseline.types';
export { completeBaselineDeclaration, validateBaselineDeclaration } from './validate-baseline';
