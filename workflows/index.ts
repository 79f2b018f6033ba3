// The worker bundles this file: export every workflow and nothing that touches I/O.
export { vettingCaseWorkflow } from './vetting-case.workflow';
export { recordCheckWorkflow } from './record-check.workflow';
export { invitationWorkflow } from './invitation.workflow';
export { clearanceHeldWorkflow } from './clearance-held.workflow';
export { appealWorkflow } from './appeal.workflow';
