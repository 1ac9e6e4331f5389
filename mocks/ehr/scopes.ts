/**
 * SMART App Launch scopes, v1 (`patient/Observation.read`) and v2 (`patient/Observation.rs`),
 * as the demo authorization server grants them and the FHIR server enforces them.
 */

export type Interaction = 'c' | 'r' | 'u' | 'd' | 's';
export type Context = 'patient' | 'user' | 'system';

export interface ResourceScope {
  context: Context;
  /** a resource type or "*" */
  type: string;
  permissions: Set<Interaction>;
  /** a SMART v2 granular constraint (`patient/Observation.rs?category=...|laboratory`) */
  constraint?: URLSearchParams;
  /** the scope as written */
  text: string;
}

const V1: Record<string, Interaction[]> = { read: ['r', 's'], write: ['c', 'u', 'd'], '*': ['c', 'r', 'u', 'd', 's'] };
const V2 = /^c?r?u?d?s?$/;

/** Parse one resource scope, or undefined for other scopes (openid, launch, a malformed one). */
export function parseResourceScope(text: string): ResourceScope | undefined {
  const match = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z*]+)(?:\?(.+))?$/.exec(text);
  if (!match) return undefined;
  const [, context, type, access, query] = match as unknown as [string, Context, string, string, string | undefined];
  const constraint = query ? new URLSearchParams(query) : undefined;
  const v1 = V1[access];
  if (v1 && !constraint) return { context, type, permissions: new Set(v1), text };
  if (access.length > 0 && V2.test(access))
    return { context, type, permissions: new Set(access.split('') as Interaction[]), constraint, text };
  return undefined;
}

/** Scopes the demo server knows how to grant. */
export const NON_RESOURCE_SCOPES = new Set([
  'openid',
  'fhirUser',
  'profile',
  'launch',
  'launch/patient',
  'launch/encounter',
  'online_access',
  'offline_access',
]);

export function splitScope(scope: string): string[] {
  return scope.split(/\s+/).filter((s) => s !== '');
}

/**
 * A grant option of a launch: "ImagingStudy" withholds every ImagingStudy scope,
 * "DocumentReference.c" withholds only creating DocumentReferences (a v1 `.write` becomes `.ud`),
 * "DocumentReference.write" creating, updating and deleting them.
 */
export function withhold(scopes: string[], denied: string[]): string[] {
  const result: string[] = [];
  for (const text of scopes) {
    const parsed = parseResourceScope(text);
    if (!parsed) {
      result.push(text);
      continue;
    }
    let permissions = new Set(parsed.permissions);
    for (const rule of denied) {
      const [type, letters] = rule.split('.');
      if (type !== parsed.type) continue;
      if (!letters) permissions = new Set();
      else
        for (const letter of letters === 'write' ? 'cud' : letters === 'read' ? 'rs' : letters)
          permissions.delete(letter as Interaction);
    }
    if (permissions.size === parsed.permissions.size) result.push(text);
    else if (permissions.size > 0) result.push(rewrite(parsed, permissions));
  }
  return result;
}

/** Write a reduced scope in the syntax the client used (v1 when it was v1 and still expressible). */
function rewrite(scope: ResourceScope, permissions: Set<Interaction>): string {
  const letters = (['c', 'r', 'u', 'd', 's'] as const).filter((l) => permissions.has(l)).join('');
  const wasV1 = /\.(read|write|\*)$/.test(scope.text);
  const v1 = letters === 'rs' ? 'read' : letters === 'cud' ? 'write' : undefined;
  const constraint = scope.constraint ? `?${scope.constraint.toString()}` : '';
  return `${scope.context}/${scope.type}.${wasV1 && v1 ? v1 : letters}${constraint}`;
}

/** What a granted scope string allows. */
export class Grant {
  readonly resourceScopes: ResourceScope[];
  readonly scopes: string[];

  constructor(scope: string) {
    this.scopes = splitScope(scope);
    this.resourceScopes = this.scopes.map(parseResourceScope).filter((s): s is ResourceScope => s !== undefined);
  }

  /**
   * Whether the grant allows an interaction on a type; `constraints` lists the granular scopes'
   * search criteria when every matching scope is granular (a resource must match one of them).
   */
  allows(
    type: string,
    interaction: Interaction,
  ): { allowed: boolean; context?: Context; constraints?: URLSearchParams[] } {
    const matching = this.resourceScopes.filter(
      (s) => (s.type === type || s.type === '*') && s.permissions.has(interaction),
    );
    if (matching.length === 0) return { allowed: false };
    // a user/ or system/ scope reaches beyond the patient compartment
    const broad = matching.find((s) => s.context !== 'patient');
    const constraints = matching.every((s) => s.constraint)
      ? matching.map((s) => s.constraint as URLSearchParams)
      : undefined;
    return { allowed: true, context: broad ? broad.context : 'patient', constraints };
  }

  has(scope: string): boolean {
    return this.scopes.includes(scope);
  }
}
