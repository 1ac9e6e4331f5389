/**
 * The `fhirUser` claim of an OpenID Connect id_token, as `ResourceType/id`. The app uses it only to
 * name the author of the note; the token's signature is the server's business (it issued the token
 * to this very page over TLS), so the payload is decoded, not verified.
 */
export function fhirUserFromIdToken(idToken: unknown): string | undefined {
  if (typeof idToken !== 'string') return undefined;
  const payload = idToken.split('.')[1];
  if (!payload) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(decodeBase64Url(payload));
  } catch {
    return undefined;
  }
  const fhirUser = (claims as { fhirUser?: unknown } | null)?.fhirUser;
  if (typeof fhirUser !== 'string') return undefined;
  // servers may send an absolute URL (Epic does); keep the relative reference
  const match =
    /(?:^|\/)((?:Practitioner|PractitionerRole|Patient|RelatedPerson|Person)\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(
      fhirUser,
    );
  return match?.[1];
}

function decodeBase64Url(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
