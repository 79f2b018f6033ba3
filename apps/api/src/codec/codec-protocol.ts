import type { Payload } from '@temporalio/common';
import { validationFailed } from '../common/validation';

/** One payload as Temporal's remote codec protocol carries it: proto3 JSON, so every bytes field is base64. */
export interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}

/** The request and response body of /codec/encode and /codec/decode. */
export interface JsonPayloads {
  payloads: JsonPayload[];
}

// proto3 JSON accepts standard and URL-safe base64, padded or not.
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const MAX_PAYLOADS = 1000;

/**
 * Reads a codec request body into SDK payloads, or throws VALIDATION_FAILED naming every bad field. Unknown
 * fields are ignored rather than refused: the UI sends whatever the server's proto JSON holds.
 */
export function parsePayloadsBody(body: unknown): Payload[] {
  const problems: { field: string; problems: string[] }[] = [];
  const bad = (field: string, problem: string): void => {
    problems.push({ field, problems: [problem] });
  };
  if (!isRecord(body) || !Array.isArray(body.payloads)) {
    bad('payloads', 'must be an array of { metadata, data }');
    throw validationFailed(problems);
  }
  if (body.payloads.length > MAX_PAYLOADS) bad('payloads', `must hold at most ${MAX_PAYLOADS} payloads`);
  const payloads = (body.payloads as unknown[]).map((item, index): Payload => {
    const at = `payloads.${index}`;
    if (!isRecord(item)) {
      bad(at, 'must be an object { metadata, data }');
      return {};
    }
    const metadata: Record<string, Uint8Array> = {};
    if (item.metadata !== undefined && item.metadata !== null) {
      if (!isRecord(item.metadata)) {
        bad(`${at}.metadata`, 'must be an object of base64 strings');
      } else {
        for (const [key, value] of Object.entries(item.metadata)) {
          const bytes = base64(value);
          if (bytes) metadata[key] = bytes;
          else bad(`${at}.metadata.${key}`, 'must be a base64 string');
        }
      }
    }
    let data: Uint8Array = new Uint8Array();
    if (item.data !== undefined && item.data !== null) {
      const bytes = base64(item.data);
      if (bytes) data = bytes;
      else bad(`${at}.data`, 'must be a base64 string');
    }
    return { metadata, data };
  });
  if (problems.length > 0) throw validationFailed(problems);
  return payloads;
}

/** SDK payloads as the protocol's JSON body. */
export function toPayloadsBody(payloads: Payload[]): JsonPayloads {
  return {
    payloads: payloads.map((payload) => ({
      metadata: Object.fromEntries(
        Object.entries(payload.metadata ?? {}).map(([key, value]) => [
          key,
          Buffer.from(value).toString('base64'),
        ]),
      ),
      data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
    })),
  };
}

function base64(value: unknown): Buffer | undefined {
  if (typeof value !== 'string' || value.length % 4 === 1 || !BASE64.test(value)) return undefined;
  return Buffer.from(value, 'base64');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
