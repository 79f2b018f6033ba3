import { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { RetrySafeConnection } from '../../apps/api/src/temporal/retry-safe-connection';
import type { CaseSnapshot } from '../../libs/contracts/src';
import { caseWorkflowId, COMMAND_UPDATES } from '../../libs/contracts/src';
import type { CaseCommand } from '../../libs/domain/src';
import { dataConverter } from './case-harness';
import { temporalAddress, temporalNamespace } from './env';

/**
 * Assigns `officerId` to the case straight through Temporal, behind the API's back, with a NUL in the actor: the
 * workflow takes the assignment, and PostgreSQL refuses its read-model write for good (case_event.actor is
 * stored plain), so it becomes a refused write (activity_failure), as in the fault drills of issue 10 item 1.
 * The API itself refuses such text at its edge (unicode-edges.e2e.spec.ts); only something behind it could.
 */
export async function assignWithRefusedWrite(caseId: string, officerId: string): Promise<void> {
  const connection = await RetrySafeConnection.connect({ address: temporalAddress() });
  try {
    const client = new Client({
      connection: connection.connection,
      namespace: temporalNamespace(),
      dataConverter,
    });
    const update = COMMAND_UPDATES.ASSIGN_OFFICER as UpdateDefinition<CaseSnapshot, [CaseCommand]>;
    await client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(update, {
      args: [{ type: 'ASSIGN_OFFICER', actor: 'lead\u0000-poisoned', officerId }],
    });
  } finally {
    await connection.close();
  }
}
