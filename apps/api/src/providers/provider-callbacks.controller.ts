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
import { Audited, setAuditCaseId } from '../audit/audited.decorator';
import { Public } from '../auth/auth.decorators';
import { ErrorResponse } from '../common/error-response';
import { CallbackReceipt, ProviderCallbacksService } from './provider-callbacks.service';
import { ApiStandardResponses } from '../common/api-responses.decorator';

/**
 * Record-check providers call back here with results. The route takes no bearer token (@Public): the HMAC
 * signature over the raw body, keyed with the provider's shared secret, is its authentication.
 */
@ApiStandardResponses()
@ApiTags('providers')
@Controller('providers')
export class ProviderCallbacksController {
  constructor(private readonly callbacks: ProviderCallbacksService) {}

  @Post(':provider/callbacks')
  @Public()
  @Audited('PROVIDER_CALLBACK')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "A provider's result for a record check (signed; the contract is docs/partner-contract.md)",
  })
  @ApiHeader({
    name: 'X-Provider-Timestamp',
    required: true,
    description: `seconds since the Unix epoch when signed; refused when further than PROVIDER_CALLBACK_MAX_AGE_SECONDS from our clock`,
  })
  @ApiHeader({
    name: 'X-Provider-Nonce',
    required: true,
    description:
      '16-128 characters of A-Z a-z 0-9 - _, new for every attempt; a nonce seen before is refused',
  })
  @ApiHeader({
    name: 'X-Provider-Signature',
    required: true,
    description: 'sha256=<hex HMAC-SHA256 of "<timestamp>.<nonce>.<raw body>">',
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
    description:
      'Unknown provider, bad signature, timestamp outside the window or a nonce used before (logged, not recorded)',
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
    @Headers('X-Provider-Signature') signature: string | undefined,
    @Headers('X-Provider-Timestamp') timestamp: string | undefined,
    @Headers('X-Provider-Nonce') nonce: string | undefined,
    @Req() request: RawBodyRequest<Request>,
    @Body() body: unknown,
  ): Promise<CallbackReceipt> {
    return this.callbacks.receive(
      provider,
      request.rawBody,
      { signature, timestamp, nonce },
      body,
      // Called only once the signature, the time and the nonce have all been checked.
      (caseId) => setAuditCaseId(request, caseId),
    );
  }
}
