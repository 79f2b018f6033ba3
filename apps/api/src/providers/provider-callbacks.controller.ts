import {
  Body,
  Controller,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  RawBodyRequest,
  Req,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CALLBACK_DISPOSITIONS } from '../../../../libs/contracts/src';
import { CHECK_OUTCOMES, CHECK_TYPES } from '../../../../libs/domain/src';
import { Audited } from '../audit/audited.decorator';
import { Public } from '../auth/auth.decorators';
import { ErrorResponse } from '../common/error-response';
import { CallbackReceipt, ProviderCallbacksService } from './provider-callbacks.service';

/**
 * Record-check providers call back here with results. The route takes no bearer token (@Public): the HMAC
 * signature over the raw body, keyed with the provider's shared secret, is its authentication.
 */
@ApiTags('providers')
@Controller('providers')
export class ProviderCallbacksController {
  constructor(private readonly callbacks: ProviderCallbacksService) {}

  @Post(':provider/callbacks')
  @Public()
  @Audited('PROVIDER_CALLBACK')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "A provider's result for a record check (signed; see the README for the contract)",
  })
  @ApiHeader({
    name: 'X-Provider-Signature',
    required: true,
    description: 'sha256=<hex HMAC-SHA256 of the raw body>',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['providerRef', 'caseId', 'checkType', 'outcome'],
      properties: {
        providerRef: { type: 'string', maxLength: 200 },
        caseId: { type: 'string', format: 'uuid' },
        checkType: { type: 'string', enum: [...CHECK_TYPES] },
        outcome: { type: 'string', enum: [...CHECK_OUTCOMES] },
        detail: { type: 'string', maxLength: 2000 },
      },
    },
  })
  @ApiAcceptedResponse({
    description: 'Recorded; delivered to the check, or nothing to do (unknown or closed check)',
    schema: {
      type: 'object',
      properties: {
        callbackId: { type: 'string', format: 'uuid' },
        disposition: { type: 'string', enum: [...CALLBACK_DISPOSITIONS] },
      },
    },
  })
  @ApiUnauthorizedResponse({
    type: ErrorResponse,
    description: 'Unknown provider or bad signature (recorded)',
  })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'Signed, but not a valid check result (recorded)',
  })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'The provider does not perform this check type' })
  @ApiServiceUnavailableResponse({
    type: ErrorResponse,
    description: 'Could not deliver or record it now; retry',
  })
  receive(
    @Param('provider') provider: string,
    @Headers('x-provider-signature') signature: string | undefined,
    @Req() request: RawBodyRequest<Request>,
    @Body() body: unknown,
  ): Promise<CallbackReceipt> {
    return this.callbacks.receive(provider, request.rawBody, signature, body);
  }
}
