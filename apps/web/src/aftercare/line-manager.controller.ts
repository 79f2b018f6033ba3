import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { Caller, Roles } from '../auth/auth.decorators';
import { field, formAction } from '../common/form-action';
import { clearanceIds, refuse, TEXT_MAX } from './aftercare-session';
import type { LineManagerClearanceView } from './aftercare-words';
import { clearanceRef, clearanceStatusInWords, managerAppraisalOpen } from './aftercare-words';

/** Where this year's appraisal stands for the line manager, in words. */
function appraisalWords(c: LineManagerClearanceView): string {
  const a = c.appraisal;
  if (!a) return 'Not due yet';
  if (a.status === 'SUBMITTED') return `Year ${a.n}: complete`;
  const mine = a.parts?.lineManager ? 'your part sent' : 'your part needed';
  const theirs = a.parts?.holder ? 'holder’s part sent' : 'holder’s part needed';
  const overdue = a.status === 'OVERDUE' ? ' (overdue)' : '';
  return a.parts
    ? `Year ${a.n}${overdue}: ${mine}, ${theirs}`
    : `Year ${a.n}${overdue}: holder’s part needed`;
}

function managerView(c: LineManagerClearanceView): object {
  return {
    ...c,
    ref: clearanceRef(c.clearanceId),
    // Whom they appraise, by name; the opaque sign-in id means nothing to a line manager and is not shown.
    holder: c.holderName ?? 'Name not recorded',
    words: clearanceStatusInWords(c.status),
    appraisalText: appraisalWords(c),
    appraisalOpen: managerAppraisalOpen(c),
  };
}

/**
 * The line manager's pages: the clearances they are named for (by the holder's sponsor), and their part of each
 * annual security appraisal. Built on the API's line-manager routes, which show them only those clearances and
 * only what the appraisal needs; any other clearance is a 404 there, and so here.
 */
@Controller('line-manager/clearances')
@Roles('LINE_MANAGER')
export class LineManagerController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  @Render('aftercare/line-manager/clearances')
  async list(@Caller() caller: ApiCaller): Promise<object> {
    const { items } = await this.api.get<{ items: LineManagerClearanceView[] }>(
      caller,
      '/clearances/managed',
    );
    return { clearances: items.map(managerView) };
  }

  @Get(':clearanceId/appraisal')
  async appraisalPage(
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
  ): Promise<void> {
    const clearance = await this.api.get<LineManagerClearanceView>(caller, `/clearances/${id}`);
    if (!managerAppraisalOpen(clearance)) return res.redirect(303, '/line-manager/clearances');
    res.render('aftercare/line-manager/appraisal', {
      clearance: managerView(clearance),
      idempotencyKey: randomUUID(),
    });
  }

  @Post(':clearanceId/appraisal')
  async submitAppraisal(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('clearanceId', clearanceIds) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const backTo = `/line-manager/clearances/${id}/appraisal`;
    const conduct = field(body, 'conductConfirmed');
    const concern = field(body, 'raisesConcern');
    const details = field(body, 'concernDetails');
    const n = Number(field(body, 'n'));
    const values = { conductConfirmed: conduct, raisesConcern: concern, concernDetails: details };
    // Every problem at once, in the order of the page, as the API's 400 would list them.
    const errors: { text: string; href: string }[] = [];
    if (conduct !== 'yes' && conduct !== 'no')
      errors.push({
        text: "Select yes if you confirm the holder's conduct this year",
        href: '#conductConfirmed',
      });
    if (concern !== 'yes' && concern !== 'no')
      errors.push({ text: 'Select yes if you have a security concern', href: '#raisesConcern' });
    const withConcern = concern === 'yes' || conduct === 'no';
    if (withConcern && details === '')
      errors.push({ text: 'Enter the details of your concern', href: '#concernDetails' });
    if (details.length > TEXT_MAX)
      errors.push({ text: `The details must be ${TEXT_MAX} characters or fewer`, href: '#concernDetails' });
    const [first] = errors;
    if (first) {
      req.session.flash = { kind: 'error', text: first.text, errors, values };
      return res.redirect(303, backTo);
    }
    if (!withConcern && details !== '') {
      return refuse(
        req,
        res,
        backTo,
        { text: 'Leave the details empty unless you have a concern', href: '#concernDetails' },
        values,
      );
    }
    await formAction(req, res, {
      run: () =>
        this.api.post(
          caller,
          `/clearances/${id}/manager-appraisals`,
          {
            n,
            conductConfirmed: conduct === 'yes',
            raisesConcern: concern === 'yes',
            ...(withConcern ? { concernDetails: details } : {}),
          },
          field(body, 'idempotencyKey'),
        ),
      backTo,
      next: '/line-manager/clearances',
      success: 'Your part of the appraisal has been sent',
      values,
      defaultField: 'conductConfirmed',
    });
  }
}
