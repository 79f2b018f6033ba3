import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, Principal } from '../../../../libs/domain/src';
import { Audited } from '../audit/audited.decorator';
import { Allow, AllowAction, CurrentPrincipal } from '../auth/auth.decorators';
import { ErrorResponse } from '../common/error-response';
import { QuestionnaireDraftDto } from './questionnaire-draft.dto';
import { ActionResult } from '../cases/case-commands.service';
import { ACTION_RESULT } from '../cases/dto/case.views';
import { QuestionnaireService } from './questionnaire.service';
import {
  QuestionnaireDraftView,
  QuestionnaireVersionListView,
  QuestionnaireVersionView,
} from './questionnaire.views';
import { caseIdPipe } from '../common/case-id.pipe';
import { ApiStandardResponses } from '../common/api-responses.decorator';
import { draftVersionFromIfMatch } from '../common/if-match';

const uuid = caseIdPipe;

/** The applicant's questionnaire drafts, and the submitted versions for the case's officers and applicant. */
@ApiStandardResponses()
@ApiTags('questionnaire')
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown case, or one you may not see' })
@Controller('cases')
export class QuestionnaireController {
  constructor(private readonly questionnaires: QuestionnaireService) {}

  @Put(':id/questionnaire/draft')
  @HttpCode(204)
  @Allow('APPLICANT')
  @Audited('QUESTIONNAIRE_DRAFT_SAVE')
  @ApiOperation({
    summary: 'Save your questionnaire so far (replaces the draft; incomplete answers are fine)',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The draft version you loaded; the save is refused (409) if the draft has changed since',
  })
  @ApiNoContentResponse({ description: 'Saved; the ETag header holds the new draft version' })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'A field of the wrong shape, named by its path',
  })
  @ApiConflictResponse({
    type: ErrorResponse,
    description:
      'STALE_STAGE: the draft changed since you loaded it; ILLEGAL_TRANSITION: not open for changes',
  })
  async saveDraft(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: QuestionnaireDraftDto,
    @Headers('If-Match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    // JSON arrays parse as a body too; a draft is always an object.
    if (Array.isArray(dto)) {
      throw new DomainError('VALIDATION_FAILED', 'the draft must be a JSON object', {
        fields: [{ field: 'body', problems: ['must be a JSON object'] }],
      });
    }
    const version = await this.questionnaires.saveDraft(principal, id, dto, draftVersionFromIfMatch(ifMatch));
    res.setHeader('ETag', `"${version}"`);
  }

  @Get(':id/questionnaire/draft')
  @Allow('APPLICANT')
  @Audited('QUESTIONNAIRE_DRAFT_READ')
  @ApiOperation({ summary: 'Your questionnaire so far, with what it still needs before you can submit it' })
  @ApiOkResponse({
    type: QuestionnaireDraftView,
    description:
      'The ETag header holds the draft version ("0" when nothing is saved), to send back as If-Match',
  })
  async getDraft(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QuestionnaireDraftView> {
    const draft = await this.questionnaires.getDraft(principal, id);
    // The version as a strong tag: Express would otherwise send a weak tag of the body, which If-Match refuses.
    res.setHeader('ETag', `"${draft.version}"`);
    return draft;
  }

  @Post(':id/questionnaire/submission')
  @HttpCode(200)
  @AllowAction('SUBMIT_QUESTIONNAIRE')
  @Audited('CASE_ACTION:SUBMIT_QUESTIONNAIRE')
  @ApiOperation({ summary: 'Submit your saved questionnaire for review (it must have no problems left)' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Makes a retried submission apply once',
  })
  @ApiOkResponse({ description: 'Submitted; your case as you see it', schema: ACTION_RESULT })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'The draft still has problems, each named by path',
  })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The case cannot take a submission now' })
  submit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Headers('Idempotency-Key') key?: string,
  ): Promise<ActionResult> {
    return this.questionnaires.submit(principal, id, key);
  }

  @Get(':id/questionnaire/versions')
  @Allow('VETTING_OFFICER', 'TEAM_LEAD', 'SENIOR_ADJUDICATOR', 'ADMIN', 'APPLICANT')
  @Audited('QUESTIONNAIRE_VERSION_LIST')
  @ApiOperation({ summary: 'The submitted versions of the questionnaire, oldest first' })
  @ApiHeader({
    name: 'X-Access-Reason',
    required: false,
    description: 'Required when reading outside your own queue',
  })
  @ApiOkResponse({ type: QuestionnaireVersionListView })
  listVersions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Headers('X-Access-Reason') reason?: string,
  ): Promise<QuestionnaireVersionListView> {
    return this.questionnaires.listVersions(principal, id, reason);
  }

  @Get(':id/questionnaire/versions/:version')
  @Allow('VETTING_OFFICER', 'TEAM_LEAD', 'SENIOR_ADJUDICATOR', 'ADMIN', 'APPLICANT')
  @Audited('QUESTIONNAIRE_VERSION_READ')
  @ApiOperation({ summary: 'One submitted version of the questionnaire, as it was submitted' })
  @ApiHeader({
    name: 'X-Access-Reason',
    required: false,
    description: 'Required when reading outside your own queue',
  })
  @ApiOkResponse({ type: QuestionnaireVersionView })
  getVersion(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    // Parsed by the service after the access check, so a hidden case answers 404 whatever the version says.
    @Param('version') version: string,
    @Headers('X-Access-Reason') reason?: string,
  ): Promise<QuestionnaireVersionView> {
    return this.questionnaires.getVersion(principal, id, version, reason);
  }
}
