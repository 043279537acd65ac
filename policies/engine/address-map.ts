/**
 * A map keyed by address (any string), spread over SHARDS Maps by a cheap hash of the key. V8
 * (Node 20) keeps the table of a Map of more than ~4,000 entries in its large-object space, where
 * each insert costs several times more: 20,000 addresses take ~6 ms in one Map and ~1 ms in
 * sixteen. The model's address indexes hold one entry per resource, so a large input pays that.
 */
export class AddressMap<V> {
  private readonly shards: Map<string, V>[] = [];

  constructor() {
    for (let i = 0; i < SHARDS; i++) this.shards.push(new Map());
  }

  /** The value at `key`, if any. */
  public get(key: string): V | undefined {
    return this.shards[shardOf(key)].get(key);
  }

  /** Whether `key` has a value. */
  public has(key: string): boolean {
    return this.shards[shardOf(key)].has(key);
  }

  /** How many keys have a value. */
  public get size(): number {
    let n = 0;
    for (const shard of this.shards) n += shard.size;
    return n;
  }

  /** Sets the value at `key`, replacing any. */
  public set(key: string, value: V): this {
    this.shards[shardOf(key)].set(key, value);
    return this;
  }
}

const SHARDS = 16;

/** The shard of a key: its length and last character (no loop over it; `''` is shard 0). */
function shardOf(key: string): number {
  return (key.length + key.charCodeAt(key.length - 1)) & (SHARDS - 1);
}
