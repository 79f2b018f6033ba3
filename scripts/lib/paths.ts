// The scripts find the repository root the way the services do (one helper in libs/config).
export { repoRoot } from '../../libs/config/src/repo-root';
