import type { ScopePermissions } from './session';

/**
 * Reads the scope string the server GRANTED (which may be narrower than the one asked for) into
 * per-resource-type permissions, so later stages skip or degrade a forbidden type instead of failing.
 *
 * Understood syntax (SMART App Launch 1.0 and 2.x):
 *   v1  `patient/Observation.read`, `.write`, `.*`
 *   v2  `patient/Observation.rs`, `.c`, `.cruds` (letters in that order, any subset),
 *       optionally restricted by a query: `patient/Observation.rs?category=laboratory`
 *   contexts `patient/`, `user/`, `system/`; resource type `*` for every type.
 * Anything else (`launch`, `openid`, malformed scopes) grants no resource access.
 */

type Operation = 'c' | 'r' | 'u' | 'd' | 's';

interface ResourceGrant {
  resourceType: string; // or '*'
  operations: ReadonlySet<Operation>;
  /** a v2 scope restricted by search parameters grants only part of the type */
  restricted: boolean;
}

const V1_OPERATIONS: Record<string, Operation[]> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': ['c', 'r', 'u', 'd', 's'],
};

const RESOURCE_SCOPE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]*)\.([^?]+)(\?.*)?$/;
const V2_OPERATIONS = /^c?r?u?d?s?$/;

export function parseResourceScope(scope: string): ResourceGrant | undefined {
  const match = RESOURCE_SCOPE.exec(scope);
  if (!match) return undefined;
  const [, , resourceType = '', operations = '', query] = match;
  const v1 = V1_OPERATIONS[operations];
  if (v1) {
    // v1 scopes never carry a query; one that does is malformed
    return query ? undefined : { resourceType, operations: new Set(v1), restricted: false };
  }
  if (!V2_OPERATIONS.test(operations)) return undefined;
  return {
    resourceType,
    operations: new Set(operations.split('') as Operation[]),
    restricted: query !== undefined && query.length > 1,
  };
}

export function parseGrantedScope(granted: string): ScopePermissions {
  const grants = granted
    .split(/\s+/)
    .filter(Boolean)
    .map(parseResourceScope)
    .filter((g): g is ResourceGrant => g !== undefined);

  const grantsFor = (resourceType: string) =>
    grants.filter((g) => g.resourceType === '*' || g.resourceType === resourceType);
  // reading covers both `read` (by id) and `search`; writing is creating, which is how the app saves
  const canRead = (g: ResourceGrant) => g.operations.has('r') || g.operations.has('s');
  const canCreate = (g: ResourceGrant) => g.operations.has('c');
  const canUpdate = (g: ResourceGrant) => g.operations.has('u');

  return {
    granted,
    read: (resourceType) => grantsFor(resourceType).some(canRead),
    write: (resourceType) => grantsFor(resourceType).some(canCreate),
    update: (resourceType) => grantsFor(resourceType).some(canUpdate),
    readIsPartial: (resourceType) => {
      const reading = grantsFor(resourceType).filter(canRead);
      return reading.length > 0 && reading.every((g) => g.restricted);
    },
  };
}
