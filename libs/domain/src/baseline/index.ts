export * from './baseline.types';
export { baselinePolicyOf, validateBaselinePolicy } from './baseline-policy';
export { completeBaselineDeclaration, validateBaselineDeclaration } from './validate-baseline';
