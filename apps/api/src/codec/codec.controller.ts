import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Inject,
  Logger,
  Post,
  Req,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { PayloadDecryptionError } from '../../../../libs/codec/src';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import { DomainError } from '../../../../libs/domain/src';
import { Audited } from '../audit/audited.decorator';
import { Allow, AuthenticatedRequest } from '../auth/auth.decorators';
import { ErrorResponse } from '../common/error-response';
import { JsonPayloads, parsePayloadsBody, toPayloadsBody } from './codec-protocol';

/** Injection token for the payload codec the endpoint runs (the same one the worker and the client use). */
export const PAYLOAD_CODEC = Symbol('PAYLOAD_CODEC');

const PAYLOADS_SCHEMA = {
  type: 'object',
  required: ['payloads'],
  properties: {
    payloads: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          metadata: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
          data: { type: 'string', format: 'byte' },
        },
      },
    },
  },
};

/**
 * Temporal's remote codec protocol, so the Temporal UI (and `temporal` CLI) can show the payloads this system
 * stores encrypted: point the UI's codec endpoint at `<api>/codec`. Decoding shows personal data, so it takes
 * the roles that may see a case's details, and every call is audited.
 */
@ApiTags('codec')
@ApiHeader({ name: 'X-Namespace', required: false, description: 'Temporal namespace; must be ours if sent' })
@ApiBadRequestResponse({
  type: ErrorResponse,
  description: 'Malformed body, bad base64, or another namespace',
})
@ApiUnprocessableEntityResponse({
  type: ErrorResponse,
  description: 'A payload that does not decrypt: unknown key id, or altered',
})
@Controller('codec')
@Allow('VETTING_OFFICER', 'SENIOR_ADJUDICATOR', 'ADMIN')
export class CodecController {
  private readonly logger = new Logger(CodecController.name);

  constructor(
    @Inject(PAYLOAD_CODEC) private readonly codec: PayloadCodec,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('decode')
  @HttpCode(200)
  @Audited('CODEC_DECODE')
  @ApiOperation({ summary: 'Decrypt Temporal payloads for the Temporal UI' })
  @ApiBody({ schema: PAYLOADS_SCHEMA })
  @ApiOkResponse({ schema: PAYLOADS_SCHEMA })
  decode(
    @Body() body: unknown,
    @Headers('x-namespace') namespace: string | undefined,
    @Req() request: AuthenticatedRequest,
  ): Promise<JsonPayloads> {
    return this.run('decode', body, namespace, request);
  }

  @Post('encode')
  @HttpCode(200)
  @Audited('CODEC_ENCODE')
  @ApiOperation({ summary: 'Encrypt Temporal payloads (the UI uses it to send signals and updates)' })
  @ApiBody({ schema: PAYLOADS_SCHEMA })
  @ApiOkResponse({ schema: PAYLOADS_SCHEMA })
  encode(
    @Body() body: unknown,
    @Headers('x-namespace') namespace: string | undefined,
    @Req() request: AuthenticatedRequest,
  ): Promise<JsonPayloads> {
    return this.run('encode', body, namespace, request);
  }

  private async run(
    operation: 'encode' | 'decode',
    body: unknown,
    namespace: string | undefined,
    request: AuthenticatedRequest,
  ): Promise<JsonPayloads> {
    const ours = this.config.temporal.namespace;
    if (namespace !== undefined && namespace !== ours) {
      // Our keys belong to our namespace; encrypting another namespace's data with them would mix trust domains.
      throw new DomainError('VALIDATION_FAILED', `this codec serves the Temporal namespace "${ours}" only`, {
        fields: [{ field: 'X-Namespace', problems: [`must be "${ours}"`] }],
      });
    }
    const payloads = parsePayloadsBody(body);
    let result: Payload[];
    try {
      result = operation === 'encode' ? await this.codec.encode(payloads) : await this.codec.decode(payloads);
    } catch (error) {
      if (error instanceof PayloadDecryptionError) throw new UnprocessableEntityException(error.message);
      throw error;
    }
    this.logger.log({
      message: `codec ${operation}`,
      payloads: payloads.length,
      namespace: ours,
      actor: request.principal?.subject,
    });
    return toPayloadsBody(result);
  }
}
