/**
 * Base64 → UTF-8 text for Attachment.data. `atob` (native in browsers and Node) decodes the
 * forgiving base64 of the HTML standard: ASCII whitespace skipped, padding optional, anything else
 * refused. It gives one character per byte, so only text with non-ASCII bytes is decoded as UTF-8.
 */
const UTF8 = new TextDecoder();
const NON_ASCII = /[\x80-\xff]/;

/** the decoded text, or undefined when `data` is not base64 */
export function decodeBase64Utf8(data: string): string | undefined {
  let binary: string;
  try {
    binary = atob(data);
  } catch {
    return undefined;
  }
  // most report text is ASCII, whose bytes are already its characters
  if (!NON_ASCII.test(binary)) return binary;
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return UTF8.decode(bytes);
}
