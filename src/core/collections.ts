/** `fn` computed once per distinct argument (compared with Map's SameValueZero), then remembered. */
export function memoized<K, V>(fn: (key: K) => V): (key: K) => V {
  const seen = new Map<K, V>();
  return (key) => {
    if (seen.has(key)) return seen.get(key)!;
    const value = fn(key);
    seen.set(key, value);
    return value;
  };
}

/** Appends to the list kept under `key`, creating it: grouping without copying lists. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A binary heap: `pop` gives the value that goes `before` every other one still held. */
export class Heap<T> {
  private readonly values: T[] = [];

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  push(value: T): void {
    const values = this.values;
    let i = values.push(value) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(values[i]!, values[parent]!)) break;
      [values[i], values[parent]] = [values[parent]!, values[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const values = this.values;
    const top = values[0];
    const last = values.pop();
    if (values.length === 0 || last === undefined) return top;
    values[0] = last;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let next = i;
      if (left < values.length && this.before(values[left]!, values[next]!)) next = left;
      if (right < values.length && this.before(values[right]!, values[next]!)) next = right;
      if (next === i) return top;
      [values[i], values[next]] = [values[next]!, values[i]!];
      i = next;
    }
  }
}
