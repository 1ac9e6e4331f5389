/**
 * What the criteria of one assessment compute alike from its facts (the lesions of a value-set list
 * and a level range), computed once. It lives in the assessment's facts (buildFacts makes one) and
 * goes with them: no module keeps a result that could outlive its assessment or be taken for
 * another record's.
 */
export class Memo {
  private readonly entries: { key: object; args: readonly unknown[]; value: unknown }[] = [];

  /** compute(), once for this key and these arguments (compared one by one; arrays by their items) */
  get<T>(key: object, args: readonly unknown[], compute: () => T): T {
    for (const entry of this.entries) if (entry.key === key && sameArgs(entry.args, args)) return entry.value as T;
    const value = compute();
    this.entries.push({ key, args, value });
    return value;
  }
}

function sameArgs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i] || (Array.isArray(x) && sameArgs(x, b[i] as unknown[])));
}
