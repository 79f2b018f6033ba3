import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SPONSOR_ID_PATTERN } from '../../../../libs/domain/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { Caller, Roles } from '../auth/auth.decorators';
import { field, formAction } from '../common/form-action';
import { clearanceIds, refuse, textProblem } from './aftercare-session';
import type { ClearanceView } from './aftercare-words';
import { allows, clearanceRef } from './aftercare-words';

/** Who is handing the clearance over, and where their pages live. */
type Side = 'sponsor' | 'officer';
const CLEARANCE_PAGE: Record<Side, (id: string) => string> = {
  sponsor: (id) => `/sponsor/clearances/${id}`,
  officer: (id) => `/aftercare/clearances/${id}`,
};
const FORM_PAGE: Record<Side, (id: string) => string> = {
  sponsor: (id) => `/sponsor/clearances/${id}/transfer`,
  officer: (id) => `/aftercare/transfers/${id}`,
};

/**
 * "Transfer to another sponsor": the holder moves to a post another sponsor answers for. The sponsor hands the
 * clearance over from their clearance page; an officer records it from the vetting team's clearance page (the old
 * sponsor may have gone). One form for both; the API decides whether the caller may, and says why not.
 */
@Controller()
export class TransferController {
  constructor(private readonly api: ApiClient) {}

  @Get('sponsor/clearances/:clearanceId/transfer')
  @Roles('SPONSOR')
  sponsorPage(
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    return this.page(res, caller, id, 'sponsor');
  }

  @Post('sponsor/clearances/:clearanceId/transfer')
  @Roles('SPONSOR')
  sponsorTransfer(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return this.transfer(req, res, caller, id, body, 'sponsor');
  }

  @Get('aftercare/transfers/:clearanceId')
  @Roles('VETTING_OFFICER')
  officerPage(
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    return this.page(res, caller, id, 'officer');
  }

  @Post('aftercare/transfers/:clearanceId')
  @Roles('VETTING_OFFICER')
  officerTransfer(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return this.transfer(req, res, caller, id, body, 'officer');
  }

  /** The form, offered only while the clearance can be transferred (otherwise back to the clearance). */
  private async page(res: Response, caller: ApiCaller, id: string, side: Side): Promise<void> {
    const clearance = await this.api.get<ClearanceView>(caller, `/clearances/${id}`);
    const by = side === 'sponsor' ? 'SPONSOR' : 'VETTING_OFFICER';
    if (!allows(clearance, 'TRANSFER_SPONSOR', by)) return res.redirect(303, CLEARANCE_PAGE[side](id));
    res.render('aftercare/transfer/transfer', {
      clearance: { clearanceId: id, ref: clearanceRef(id) },
      action: FORM_PAGE[side](id),
      back: CLEARANCE_PAGE[side](id),
      side,
      idempotencyKey: randomUUID(),
    });
  }

  private async transfer(
    req: Request,
    res: Response,
    caller: ApiCaller,
    id: string,
    body: Record<string, unknown>,
    side: Side,
  ): Promise<void> {
    const toSponsorId = field(body, 'toSponsorId');
    const reason = field(body, 'reason');
    const values = { toSponsorId, reason };
    const backTo = FORM_PAGE[side](id);
    const sponsorProblem =
      toSponsorId === ''
        ? 'Enter the new sponsor’s reference'
        : SPONSOR_ID_PATTERN.test(toSponsorId)
          ? null
          : 'Enter the new sponsor’s reference as their sponsor pages show it: letters, digits and . _ : @ | - only';
    if (sponsorProblem)
      return refuse(req, res, backTo, { text: sponsorProblem, href: '#toSponsorId' }, values);
    const reasonProblem = textProblem(reason, 'why the clearance is moving', 'Why the clearance is moving');
    if (reasonProblem) return refuse(req, res, backTo, { text: reasonProblem, href: '#reason' }, values);
    await formAction(req, res, {
      run: () => this.api.post(caller, `/clearances/${id}/transfer`, values, field(body, 'idempotencyKey')),
      backTo,
      // The old sponsor no longer sees the clearance: they go back to their lookup page.
      next: side === 'sponsor' ? '/sponsor/clearances' : CLEARANCE_PAGE[side](id),
      success: `Clearance ${clearanceRef(id)} is now sponsored by ${toSponsorId}`,
      values,
      // The rules' refusals (already the sponsor, the holder) are about the new sponsor's reference.
      defaultField: 'toSponsorId',
    });
  }
}
