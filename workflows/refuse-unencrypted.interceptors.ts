// Refuses commands that did not come through the API. A payload sent to Temporal without our encryption decodes
// (on a worker with CODEC_REFUSE_PLAINTEXT) to a marker, never to the value: whatever actor it names is not
// trusted. One interceptor covers every workflow and every way in, so a new update or signal is covered too.
import type {
  QueryInput,
  SignalInput,
  UpdateInput,
  WorkflowExecuteInput,
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptorsFactory,
} from '@temporalio/workflow';
import { ApplicationFailure, log } from '@temporalio/workflow';
import {
  isRefusedPlaintext,
  UNENCRYPTED_COMMAND_FAILURE_TYPE,
} from '../libs/contracts/src/plaintext-refusal';

const REFUSAL =
  'refused: this command was not encrypted with a configured key, so it did not come through the API';

function carriesRefusal(args: readonly unknown[]): boolean {
  return args.some(isRefusedPlaintext);
}

function refusal(): ApplicationFailure {
  return ApplicationFailure.nonRetryable(REFUSAL, UNENCRYPTED_COMMAND_FAILURE_TYPE);
}

class RefuseUnencryptedInbound implements WorkflowInboundCallsInterceptor {
  /** A start with unencrypted input fails at once, before the workflow writes anything. */
  execute(input: WorkflowExecuteInput, next: (input: WorkflowExecuteInput) => Promise<unknown>) {
    if (carriesRefusal(input.args)) return Promise.reject(refusal());
    return next(input);
  }

  /** Rejected in validation, so the update never enters the history. */
  validateUpdate(input: UpdateInput, next: (input: UpdateInput) => void): void {
    if (carriesRefusal(input.args)) throw refusal();
    next(input);
  }

  /** For updates without a validator: the update fails, the workflow does not. */
  handleUpdate(input: UpdateInput, next: (input: UpdateInput) => Promise<unknown>): Promise<unknown> {
    if (carriesRefusal(input.args)) return Promise.reject(refusal());
    return next(input);
  }

  /** A signal cannot be answered, so it is dropped (and logged, by name only). */
  handleSignal(input: SignalInput, next: (input: SignalInput) => Promise<void>): Promise<void> {
    if (carriesRefusal(input.args)) {
      log.warn('unencrypted signal dropped', { signalName: input.signalName });
      return Promise.resolve();
    }
    return next(input);
  }

  handleQuery(input: QueryInput, next: (input: QueryInput) => Promise<unknown>): Promise<unknown> {
    if (carriesRefusal(input.args)) return Promise.reject(refusal());
    return next(input);
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new RefuseUnencryptedInbound()],
});
