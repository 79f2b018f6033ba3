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
import { boundWorkflowId, isEncrypted, PayloadDecryptionError } from '../../../../libs/codec/src';
import { caseIdOwningWorkflow } from '../../../../libs/contracts/src';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import { DomainError } from '../../../../libs/domain/src';
import { Audited, setAuditCaseId } from '../audit/audited.decorator';
import { Allow, AuthenticatedRequest } from '../auth/auth.decorators';
import { ErrorResponse } from '../common/error-response';
import { JsonPayloads, parsePayloadsBody, toPayloadsBody } from './codec-protocol';
import { ApiStandardResponses } from '../common/api-responses.decorator';
import { AllowLongText } from '../common/safe-text.interceptor';
import { CaseAccessService } from '../cases/case-access.service';

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
 * stores encrypted: point the UI's codec endpoint at `<api>/codec`. Decoding shows personal data, so it applies
 * the case access rules to the case each payload is bound to, and every call is audited with that case.
 */
@ApiStandardResponses()
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
// Payload data is base64 of whole workflow inputs; the 100 kB body limit bounds it.
@AllowLongText(100_000)
@Allow('VETTING_OFFICER', 'SENIOR_ADJUDICATOR', 'ADMIN')
export class CodecController {
  private readonly logger = new Logger(CodecController.name);

  constructor(
    @Inject(PAYLOAD_CODEC) private readonly codec: PayloadCodec,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: CaseAccessService,
  ) {}

  @Post('decode')
  @HttpCode(200)
  @Audited('CODEC_DECODE')
  @ApiOperation({
    summary: 'Decrypt Temporal payloads for the Temporal UI',
    description:
      'Each encrypted payload is bound to the workflow it belongs to, so decoding applies the same need-to-know ' +
      'as reading that case (404 if you may not see it; a reason in X-Access-Reason outside your own queue), ' +
      'one case per request. Payloads bound to no case are for administrators only, with a reason.',
  })
  @ApiHeader({ name: 'X-Access-Reason', required: false, description: 'Why, for a case outside your queue' })
  @ApiBody({ schema: PAYLOADS_SCHEMA })
  @ApiOkResponse({ schema: PAYLOADS_SCHEMA })
  async decode(
    @Body() body: unknown,
    @Headers('X-Namespace') namespace: string | undefined,
    @Headers('X-Access-Reason') accessReason: string | undefined,
    @Req() request: AuthenticatedRequest,
  ): Promise<JsonPayloads> {
    this.checkNamespace(namespace);
    await this.mayDecode(parsePayloadsBody(body), request, accessReason);
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
    @Headers('X-Namespace') namespace: string | undefined,
    @Req() request: AuthenticatedRequest,
  ): Promise<JsonPayloads> {
    return this.run('encode', body, namespace, request);
  }

  /**
   * Need-to-know for decoding: the case each encrypted payload is bound to must be one the caller may read, as
   * if they asked for the case itself. The binding is checked before anything is decrypted; a forged binding
   * then fails decryption (it is authenticated), so claiming one's own case for another's payload gets nothing.
   */
  private async mayDecode(
    payloads: Payload[],
    request: AuthenticatedRequest,
    accessReason: string | undefined,
  ): Promise<void> {
    const principal = request.principal;
    if (!principal) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    const cases = new Set<string>();
    let unbound = false;
    for (const payload of payloads) {
      // A plaintext payload shows the caller nothing they did not send.
      if (!isEncrypted(payload)) continue;
      const workflowId = boundWorkflowId(payload);
      const caseId = workflowId === null ? null : caseIdOwningWorkflow(workflowId);
      if (caseId === null) unbound = true;
      else cases.add(caseId);
    }
    if (cases.size > 1) {
      throw new DomainError('VALIDATION_FAILED', "decode one case's payloads at a time", {
        fields: [{ field: 'payloads', problems: ['hold payloads of more than one case'] }],
      });
    }
    const [caseId] = [...cases];
    if (caseId !== undefined) {
      setAuditCaseId(request, caseId);
      const { view } = await this.access.load(principal, caseId, accessReason);
      if (view !== 'FULL') throw new DomainError('CASE_NOT_FOUND', `no case with id ${caseId}`, { caseId });
    }
    if (unbound) {
      // Without a binding nobody can say whose data it is, so only an administrator, saying why, may look.
      if (!principal.roles.includes('ADMIN')) {
        throw new DomainError(
          'FORBIDDEN',
          'these payloads are bound to no case; only an administrator may decode them',
        );
      }
      if (!accessReason?.trim()) {
        throw new DomainError(
          'REASON_REQUIRED',
          'these payloads are bound to no case: say why you need them in the X-Access-Reason header',
        );
      }
    }
  }

  private checkNamespace(namespace: string | undefined): void {
    const ours = this.config.temporal.namespace;
    if (namespace !== undefined && namespace !== ours) {
      // Our keys belong to our namespace; encrypting another namespace's data with them would mix trust domains.
      throw new DomainError('VALIDATION_FAILED', `this codec serves the Temporal namespace "${ours}" only`, {
        fields: [{ field: 'X-Namespace', problems: [`must be "${ours}"`] }],
      });
    }
  }

  private async run(
    operation: 'encode' | 'decode',
    body: unknown,
    namespace: string | undefined,
    request: AuthenticatedRequest,
  ): Promise<JsonPayloads> {
    this.checkNamespace(namespace);
    const ours = this.config.temporal.namespace;
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
