import { Metadata, status } from '@grpc/grpc-js';
import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { isUnanswered } from './temporal-budget';

function grpcError(code: status): Error {
  return Object.assign(new Error(`grpc ${code}`), { code, details: '', metadata: new Metadata() });
}

describe('isUnanswered', () => {
  it.each([
    ['a deadline', status.DEADLINE_EXCEEDED],
    ['a cancellation', status.CANCELLED],
    ['no connection', status.UNAVAILABLE],
  ])('counts %s as no answer, bare or wrapped in a ServiceError', (_, code) => {
    expect(isUnanswered(grpcError(code))).toBe(true);
    expect(isUnanswered(new ServiceError('wrapped', { cause: grpcError(code) }))).toBe(true);
  });

  it('counts an update RPC timeout as no answer', () => {
    expect(isUnanswered(new WorkflowUpdateRPCTimeoutOrCancelledError('timed out'))).toBe(true);
  });

  it('treats answers, even refusals, as answers', () => {
    expect(isUnanswered(grpcError(status.NOT_FOUND))).toBe(false);
    expect(isUnanswered(grpcError(status.INVALID_ARGUMENT))).toBe(false);
    expect(isUnanswered(new Error('something else'))).toBe(false);
  });
});
