/**
 * The network's floor for a launch: a page that does only what every SMART EHR launch with PKCE
 * must do over the network, with no framework, no chunks and no rendering beyond one line. Served
 * as both launch.html and index.html (the redirect URI) by a demo of its own (startDemo's
 * appPages), with the same latency: discovery, the authorization redirect, the token, then the
 * app's reads (the same requests, captured from the app's launch), all at once: the batch Bundle the
 * app sends a server that offers batch, as it sent it (a CORS preflight and a POST), and its GETs
 * beside it (the app's own latest note).
 */

export interface FloorSettings {
  clientId: string;
  scope: string;
  /** the app's GETs, relative to the FHIR base */
  reads: string[];
  /** the batch Bundle the app posted to the FHIR base, as sent; none when it read list by list */
  batch?: string;
}

/** runs in the browser, inline in the page (the page is the benchmark's, served without the app's policy) */
async function floorLaunch({ clientId, scope, reads, batch }: FloorSettings): Promise<void> {
  const address = new URL(location.href);
  const redirectUri = `${location.origin}/index.html`;
  const base64url = (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  const code = address.searchParams.get('code');
  if (!code) {
    const iss = address.searchParams.get('iss') ?? '';
    const smart = (await (await fetch(`${iss}/.well-known/smart-configuration`)).json()) as Record<string, string>;
    const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
    sessionStorage.setItem('floor', JSON.stringify({ iss, verifier, token: smart.token_endpoint }));
    const authorize = new URL(smart.authorization_endpoint ?? '');
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      launch: address.searchParams.get('launch') ?? '',
      scope,
      state,
      aud: iss,
      code_challenge: base64url(new Uint8Array(digest)),
      code_challenge_method: 'S256',
    }).toString();
    location.assign(authorize.href);
    return;
  }
  const saved = JSON.parse(sessionStorage.getItem('floor') ?? '{}') as Record<string, string>;
  const token = (await (
    await fetch(saved.token ?? '', {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: clientId,
        code_verifier: saved.verifier ?? '',
      }),
    })
  ).json()) as Record<string, string>;
  const headers = { Authorization: `Bearer ${token.access_token}`, Accept: 'application/fhir+json' };
  const answers = reads.map((read) => fetch(`${saved.iss}/${read}`, { headers }));
  if (batch !== undefined) {
    const post = { method: 'POST', headers: { ...headers, 'Content-Type': 'application/fhir+json' }, body: batch };
    answers.push(fetch(saved.iss ?? '', post));
  }
  await Promise.all(answers.map(async (answer) => (await answer).json()));
  const verdict = document.createElement('p');
  verdict.dataset.testid = 'verdict';
  verdict.textContent = `${reads.length} reads${batch === undefined ? '' : ' and a batch'}`;
  document.body.append(verdict);
}

/**
 * the floor's page: one inline script. tsx compiles `floorLaunch` keeping function names through a
 * helper, `__name`, that only exists in Node: the page defines it as doing nothing.
 */
export function floorPage(settings: FloorSettings): string {
  const script = `const __name = (f) => f; (${floorLaunch.toString()})(${JSON.stringify(settings)});`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Network floor</title></head><body><script>${script}</script></body></html>`;
}
