import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPEAL_GROUNDS,
  APPEAL_KINDS,
  APPEAL_STATUSES,
  AppealGround,
  AppealKind,
  AppealState,
  AppealStatus,
  appealStatusForAppellant,
  hearingConflict,
  APPLICANT_STATUSES,
  ApplicantStatus,
  STATEMENT_SIDES,
  StatementSide,
} from '../../../../../libs/domain/src';

/**
 * An appeal or complaint as its appellant sees it: the coarse status only, what it is about (their own refused
 * application or withdrawn clearance), the outcome in plain words once there is one, a complaint's written
 * response to them, and the dates they must act by. No findings, no reasons, nobody's names.
 */
export class AppealView {
  @ApiProperty() appealId!: string;
  @ApiProperty({ enum: APPEAL_KINDS }) kind!: AppealKind;
  @ApiProperty({ enum: APPEAL_GROUNDS, description: 'A refused application or a withdrawn clearance' })
  ground!: AppealGround;
  @ApiPropertyOptional({ nullable: true, description: 'The refused application (a refusal only)' })
  caseId!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The withdrawn clearance (a withdrawal only)' })
  clearanceId!: string | null;
  @ApiProperty({ enum: APPLICANT_STATUSES }) status!: ApplicantStatus;
  @ApiPropertyOptional({ nullable: true, description: 'The outcome in plain words, once there is one' })
  outcome!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    description:
      "A complaint's written response to you, once answered (none for one answered before it was kept)",
  })
  response!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Until when you may take the appeal to the panel' })
  panelWindowEndsAt!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'When your statement of case is due' })
  statementDueAt!: string | null;
  @ApiProperty() lodgedAt!: string;
}

/** An appeal or complaint as the appeal officers, the department and the panel secretary see it. */
export class AppealStaffView {
  @ApiProperty() appealId!: string;
  @ApiProperty({ enum: APPEAL_KINDS }) kind!: AppealKind;
  @ApiProperty({ enum: APPEAL_GROUNDS }) ground!: AppealGround;
  @ApiProperty({ enum: APPEAL_STATUSES }) status!: AppealStatus;
  @ApiProperty() caseId!: string;
  @ApiPropertyOptional({ nullable: true }) clearanceId!: string | null;
  @ApiProperty() grounds!: string;
  @ApiProperty({ description: 'The internal hearing and its findings', type: Object, nullable: true })
  internal!: AppealState['internal'];
  @ApiPropertyOptional({ nullable: true }) panelWindowEndsAt!: string | null;
  @ApiProperty({
    description:
      'Registration, acknowledgement, statements and recommendation, and the named panel secretary ' +
      '(`secretaryId`: reminded when a deadline is overdue; null if none, absent on older appeals)',
    type: Object,
    nullable: true,
  })
  panel!: AppealState['panel'];
  @ApiProperty({ type: Object, nullable: true }) complaint!: AppealState['complaint'];
  @ApiProperty({
    type: Object,
    nullable: true,
    description: 'What the outcome asks of the system; done or not',
  })
  effect!: AppealState['effect'];
  @ApiProperty() lodgedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({
    type: [String],
    description:
      'Everyone who took part in the case or the clearance (and its sponsor): none of them may hear the appeal',
  })
  priorInvolvement!: string[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'Why you may not hear this appeal or answer this complaint (prior involvement), or null if you may',
  })
  youMayNotHear!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'adjudicator-1': 'Ada Brooks' },
    description:
      'Display names of the staff the appeal names (prior involvement, who heard or recorded it), by user id; ' +
      'empty in the queue',
  })
  staffNames!: Record<string, string>;
}

/** One thing that happened to an appeal, as its event history records it (no free text: that stays sealed). */
export class AppealEventView {
  @ApiProperty() seq!: number;
  @ApiProperty({ description: 'An appeal action (UPHOLD, ACKNOWLEDGE, STATEMENT_OVERDUE, ...)' })
  action!: string;
  @ApiProperty({ enum: ['APPELLANT', 'APPEAL_OFFICER', 'DEPARTMENT', 'PANEL_SECRETARY', 'SYSTEM'] })
  actorRole!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The member of staff who acted; null for the appellant and the clock',
  })
  actorId!: string | null;
  @ApiProperty({ enum: APPEAL_STATUSES }) fromStatus!: AppealStatus;
  @ApiProperty({ enum: APPEAL_STATUSES }) toStatus!: AppealStatus;
  @ApiProperty() at!: string;
  @ApiPropertyOptional({
    enum: STATEMENT_SIDES,
    nullable: true,
    description:
      'Whose statement of case the event is about (STATEMENT_OVERDUE, EXTEND_DEADLINE, SUBMIT_STATEMENT); null ' +
      'for other actions, and for an overdue mark or extension recorded before sides were kept (side unknown)',
  })
  side!: StatementSide | null;
}

export class AppealEventListView {
  @ApiProperty({ type: [AppealEventView], description: 'Oldest first' }) items!: AppealEventView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Display names of the staff who acted, by user id',
  })
  staffNames!: Record<string, string>;
}

export class AppealListView {
  @ApiProperty({ type: [AppealView] }) items!: AppealView[];
}

/** A page of the staff's work list, oldest first. */
export class AppealQueueView {
  @ApiProperty({ type: [AppealStaffView] }) items!: AppealStaffView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'How many appeals match the filters, on every page' }) total!: number;
  @ApiProperty() totalPages!: number;
}

/** A member of staff who may be named an appeal's panel secretary. */
export class SecretaryCandidateView {
  @ApiProperty({ example: 'secretary-2' }) userId!: string;
  @ApiProperty({ example: 'Sam Patel' }) displayName!: string;
  @ApiProperty({ description: 'True for the caller (naming yourself)' }) you!: boolean;
}

export class SecretaryCandidateListView {
  @ApiProperty({
    type: [SecretaryCandidateView],
    description:
      'Panel secretaries in the staff directory with no part in the case or the clearance, not the one named now; by name',
  })
  items!: SecretaryCandidateView[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The panel secretary named now (their id), or null',
  })
  namedSecretaryId!: string | null;
}

const OUTCOME_WORDS: Partial<Record<AppealStatus, string>> = {
  OVERTURNED: 'Your appeal has been allowed.',
  UPHELD: 'Your appeal has not been allowed. You may take it to the independent panel.',
  CLOSED: 'Your appeal has closed.',
  COMPLAINT_ANSWERED: 'Your complaint has been answered.',
};

export function appealView(s: AppealState): AppealView {
  const panelWords =
    s.panel?.recommendation === 'DECISION_STANDS'
      ? 'The independent panel has considered your appeal. The decision stands.'
      : 'The independent panel has considered your appeal and recommended a change to the decision.';
  const own = s.panel?.statements?.APPELLANT;
  return {
    appealId: s.appealId,
    kind: s.kind,
    ground: s.ground,
    caseId: s.ground === 'REFUSAL' ? s.caseId : null,
    clearanceId: s.ground === 'WITHDRAWAL' ? s.clearanceId : null,
    status: appealStatusForAppellant(s),
    outcome: s.status === 'PANEL_DECIDED' ? panelWords : (OUTCOME_WORDS[s.status] ?? null),
    // Only once answered, and only the words written for the appellant: never who answered or the outcome code.
    response: s.status === 'COMPLAINT_ANSWERED' ? (s.complaint?.response ?? null) : null,
    panelWindowEndsAt: s.status === 'UPHELD' ? s.panelWindowEndsAt : null,
    statementDueAt: own && !own.submittedAt ? own.dueAt : null,
    lodgedAt: s.lodgedAt,
  };
}

/**
 * The staff view for `viewer` (whose independence it states); `staffNames` are the names the caller looked up for
 * the people it names (none in the queue, where nobody reads them).
 */
export function appealStaffView(
  s: AppealState,
  viewer: string,
  staffNames: Record<string, string> = {},
): AppealStaffView {
  return {
    appealId: s.appealId,
    kind: s.kind,
    ground: s.ground,
    status: s.status,
    caseId: s.caseId,
    clearanceId: s.clearanceId,
    grounds: s.grounds,
    internal: s.internal,
    panelWindowEndsAt: s.panelWindowEndsAt,
    panel: s.panel,
    complaint: s.complaint,
    effect: s.effect,
    lodgedAt: s.lodgedAt,
    updatedAt: s.updatedAt,
    priorInvolvement: s.priorInvolvement,
    youMayNotHear: hearingConflict(viewer, s),
    staffNames,
  };
}
