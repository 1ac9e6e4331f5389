/**
 * The demo EHR's database: current versions and history of every resource, in memory. Ids of
 * created resources are numbers, as HAPI JPA assigns them.
 */

export type Resource = fhir4.FhirResource;

const key = (type: string, id: string): string => `${type}/${id}`;

export class ResourceStore {
  private readonly current = new Map<string, Resource>();
  private readonly history = new Map<string, Resource[]>();
  private readonly byType = new Map<string, Map<string, Resource>>();
  private nextId = 10_000;

  constructor(private readonly clock: () => Date) {}

  /** Store a resource under its own id as version 1 (or the next version when it exists). */
  put(resource: Resource): Resource {
    if (!resource.id) throw new Error(`cannot store a ${resource.resourceType} without an id`);
    const k = key(resource.resourceType, resource.id);
    const versions = this.history.get(k) ?? [];
    const stored = {
      ...resource,
      meta: { ...resource.meta, versionId: String(versions.length + 1), lastUpdated: this.clock().toISOString() },
    } as Resource;
    versions.push(stored);
    this.history.set(k, versions);
    this.current.set(k, stored);
    let ofType = this.byType.get(resource.resourceType);
    if (!ofType) {
      ofType = new Map();
      this.byType.set(resource.resourceType, ofType);
    }
    ofType.set(resource.id, stored);
    return stored;
  }

  /** A create: the server assigns the id. */
  create(resource: Resource): Resource {
    let id = String(this.nextId++);
    while (this.current.has(key(resource.resourceType, id))) id = String(this.nextId++);
    return this.put({ ...resource, id } as Resource);
  }

  putAll(resources: Iterable<Resource>): void {
    for (const r of resources) this.put(r);
  }

  /** Every resource of a FHIR Bundle (collection, transaction with ids, searchset...). */
  putBundle(bundle: fhir4.Bundle): void {
    for (const entry of bundle.entry ?? []) if (entry.resource?.id) this.put(entry.resource as Resource);
  }

  read(type: string, id: string): Resource | undefined {
    return this.current.get(key(type, id));
  }

  vread(type: string, id: string, versionId: string): Resource | undefined {
    return this.history.get(key(type, id))?.find((r) => r.meta?.versionId === versionId);
  }

  /** Current versions of one type, in insertion order (HAPI's default order: by resource pid). */
  all(type: string): Resource[] {
    return [...(this.byType.get(type)?.values() ?? [])];
  }

  types(): string[] {
    return [...this.byType.keys()];
  }

  count(type: string): number {
    return this.byType.get(type)?.size ?? 0;
  }
}
