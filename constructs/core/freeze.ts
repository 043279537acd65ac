/**
 * The kit's value classes, their static instances and its exported tables are frozen: a
 * JavaScript caller (or `as any`) writing `Immutability.LOCKED.mode = 'soak'` would otherwise turn
 * every default store of the process into the reversible mode with no word. In strict mode the
 * write throws a TypeError; in sloppy mode it has no effect.
 */

/** Freezes a value and every object and array reachable through its own properties; returns it. */
export function deepFreeze<T>(value: T): T {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    if (Object.isFrozen(value)) return value;
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value as object)) {
      const d = Object.getOwnPropertyDescriptor(value, key);
      if (d !== undefined && 'value' in d && typeof d.value === 'object') deepFreeze(d.value);
    }
  }
  return value;
}

/** Freezes a class: its statics (and the instances they hold), its prototype (methods and getters). */
export function freezeClass(cls: Function): void {
  Object.freeze(cls.prototype);
  deepFreeze(cls);
}
