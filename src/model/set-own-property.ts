/**
 * Spec objects are plain objects whose keys are the spec's: `__proto__` among them is a property name like any other.
 * `object[key] = value` would set the prototype instead, and `object[key]` would read Object.prototype's members
 * (`constructor`, `toString`, ...), so code that builds or reads spec objects by a spec key goes through these.
 */

/** Sets `key` as an own data property, as JSON.parse, spreads and Object.fromEntries do. */
export function setOwnProperty(object: object, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The own property `key` of `object`, or `undefined`: never one it inherits. */
export function ownProperty(object: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}
