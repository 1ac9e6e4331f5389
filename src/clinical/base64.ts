/**
 * Base64 → UTF-8 text for Attachment.data, without atob (slow in Node, and Latin-1 only) or
 * Node's Buffer (absent in the browser). ASCII whitespace is skipped, as atob does.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SKIP = -2;
/** by character code: its 6 bits, SKIP for whitespace, -1 for anything else */
const SEXTET = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SEXTET[ALPHABET.charCodeAt(i)] = i;
for (const space of [0x09, 0x0a, 0x0c, 0x0d, 0x20]) SEXTET[space] = SKIP;
const UTF8 = new TextDecoder();

/** the decoded text, or undefined when `data` is not base64 */
export function decodeBase64Utf8(data: string): string | undefined {
  const bytes = new Uint8Array(Math.ceil((data.length * 3) / 4));
  let length = 0;
  let bits = 0;
  let count = 0;
  let padding = 0;
  for (let i = 0; i < data.length; i++) {
    const ch = data.charCodeAt(i);
    if (ch === 0x3d) {
      padding++;
      continue;
    }
    const sextet = ch < 128 ? (SEXTET[ch] ?? -1) : -1;
    if (sextet === SKIP) continue;
    if (sextet < 0 || padding > 0) return undefined;
    bits = (bits << 6) | sextet;
    if (++count === 4) {
      bytes[length++] = (bits >> 16) & 255;
      bytes[length++] = (bits >> 8) & 255;
      bytes[length++] = bits & 255;
      bits = 0;
      count = 0;
    }
  }
  // a lone sextet holds no whole byte; padding, when given, must complete the last quantum
  if (count === 1 || padding > 2 || (padding > 0 && count + padding !== 4)) return undefined;
  if (count === 2) bytes[length++] = (bits >> 4) & 255;
  if (count === 3) {
    bytes[length++] = (bits >> 10) & 255;
    bytes[length++] = (bits >> 2) & 255;
  }
  return UTF8.decode(bytes.subarray(0, length));
}
