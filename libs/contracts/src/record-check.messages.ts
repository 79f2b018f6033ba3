import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CheckResultSignal, RecordCheckState } from './record-check.types';

/** A provider's result for a check, sent by the callback webhook; a duplicate is recorded, not applied. */
export const checkResultSignal = defineSignal<[CheckResultSignal]>('checkResult');

/** Where a record check stands (status, provider reference, deadline). */
export const getRecordCheckQuery = defineQuery<RecordCheckState>('getRecordCheck');
