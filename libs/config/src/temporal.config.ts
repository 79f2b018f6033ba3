import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { AsNumber, defineConcern, Variable } from './variables';

class TemporalVariables {
  @Variable('Temporal frontend address')
  @IsString()
  @IsOptional()
  TEMPORAL_ADDRESS = 'localhost:7233';

  @Variable('Temporal namespace')
  @IsString()
  @IsOptional()
  TEMPORAL_NAMESPACE = 'default';

  @Variable('task queue the worker polls and the API starts cases on')
  @IsString()
  @IsOptional()
  TEMPORAL_TASK_QUEUE = 'vetting-cases';

  @Variable('how long the API waits for a worker to answer an action before answering 503')
  @AsNumber()
  @IsInt()
  @Min(100)
  @IsOptional()
  UPDATE_TIMEOUT_MS = 10000;

  @Variable(
    'worker only: a workflow bundle built from this code (`npm run build:workflows`) to load instead of bundling at start; unset bundles at start',
  )
  @IsString()
  @IsOptional()
  WORKFLOW_BUNDLE_PATH = '';
}

/** Where Temporal is and how long the API waits for it. */
export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  updateTimeoutMs: number;
  /**
   * A prebuilt workflow bundle for the worker (absolute or relative to the working directory), or undefined to
   * bundle at start. Bundling takes seconds of CPU on every start; images and test runs build it once.
   */
  workflowBundlePath?: string;
}

/** TEMPORAL_* and UPDATE_TIMEOUT_MS. */
export const temporalConfig = defineConcern({
  title: 'Temporal',
  summary: 'The Temporal server the API and the worker connect to.',
  variables: TemporalVariables,
  build: (vars): TemporalConfig => ({
    address: vars.TEMPORAL_ADDRESS,
    namespace: vars.TEMPORAL_NAMESPACE,
    taskQueue: vars.TEMPORAL_TASK_QUEUE,
    updateTimeoutMs: vars.UPDATE_TIMEOUT_MS,
    ...(vars.WORKFLOW_BUNDLE_PATH ? { workflowBundlePath: vars.WORKFLOW_BUNDLE_PATH } : {}),
  }),
});
