/** Response helpers shared by the demo EHR's handlers. */

export const FHIR_JSON = 'application/fhir+json;charset=utf-8';

export type IssueType = fhir4.OperationOutcomeIssue['code'];

export interface Issue {
  code: IssueType;
  diagnostics?: string;
  expression?: string[];
  severity?: 'fatal' | 'error' | 'warning' | 'information';
}

export function operationOutcome(issues: Issue[]): fhir4.OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: i.severity ?? 'error',
      code: i.code,
      diagnostics: i.diagnostics,
      expression: i.expression,
    })),
  };
}

export function fhirJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': FHIR_JSON, ...headers } });
}

/** An error as HAPI reports it: the status and an OperationOutcome saying why. */
export function outcome(
  status: number,
  code: IssueType,
  diagnostics?: string,
  headers: Record<string, string> = {},
): Response {
  return fhirJson(operationOutcome([{ code, diagnostics }]), status, headers);
}

export function html(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': 'text/html;charset=utf-8',
      // the demo pages use no third-party assets and only their own inline styles
      'Content-Security-Policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-src *; form-action *",
      ...headers,
    },
  });
}

export function redirect(location: string, status = 302): Response {
  return new Response(null, { status, headers: { Location: location, 'Cache-Control': 'no-store' } });
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML element content and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);

/** A plain, self-contained page (no external assets) in the demo EHR's look. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2733; background: #f3f5f8; }
  header { background: #17416b; color: #fff; padding: 0.7rem 1.2rem; }
  header h1 { font-size: 1.15rem; margin: 0; }
  main { padding: 1rem 1.2rem; max-width: 72rem; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: 0.45rem 0.6rem; border-bottom: 1px solid #d5dbe3; vertical-align: top; }
  th { background: #e7ecf2; }
  button, .button { font: inherit; padding: 0.3rem 0.7rem; margin: 0.1rem 0; border: 1px solid #17416b; border-radius: 4px; background: #fff; color: #17416b; cursor: pointer; text-decoration: none; display: inline-block; }
  button.primary { background: #17416b; color: #fff; }
  fieldset { border: 1px solid #c5ced9; background: #fff; margin: 0 0 1rem; }
  .muted { color: #56606c; }
  .error { border-left: 4px solid #b3261e; background: #fff; padding: 0.8rem 1rem; }
  iframe { width: 100%; height: calc(100vh - 6rem); border: 1px solid #c5ced9; background: #fff; }
</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1></header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** Random URL-safe ids for codes, tokens, launches and search pages. */
export function randomId(bytes = 16): string {
  const data = new Uint8Array(bytes);
  crypto.getRandomValues(data);
  return base64url(data);
}

export function base64url(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
