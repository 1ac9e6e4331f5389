import { fhirError } from './status';

/**
 * The most a FHIR answer may weigh, in bytes: far above a page of 500 resources with their report
 * text, far below what could exhaust a browser tab. A larger or endless answer fails its read.
 */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * The body as text, read no further than `maxBytes`: a declared length above it is refused before
 * reading, and a body that grows past it (chunked, endless) is cancelled where it crosses the line.
 */
export async function readCapped(response: Response, maxBytes = MAX_RESPONSE_BYTES): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    // not awaited: a peer that keeps sending must not keep the read waiting
    void response.body?.cancel().catch(() => undefined);
    throw fhirError('too-large', { status: response.status });
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw fhirError('too-large', { status: response.status });
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
