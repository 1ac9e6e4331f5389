/**
 * The one way the app talks to a FHIR server. In the browser it wraps fhirclient's
 * `client.request` (token refresh, 401 handling); in Node (CLI, benchmark) a plain `fetch` with an
 * optional bearer token. Relative URLs are resolved against the FHIR base.
 */
export interface FhirRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface FhirResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface FhirTransport {
  readonly baseUrl: string;
  /** resolves for 2xx with the parsed JSON body; rejects with a FhirError otherwise */
  request<T = unknown>(request: FhirRequest): Promise<FhirResponse<T>>;
}
