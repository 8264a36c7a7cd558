/**
 * Built-ins captured when the guard loads, before any plugin code runs: the guard's checks must not call anything
 * a plugin can redefine later (`String.prototype.startsWith = () => true` would otherwise open an allow-list).
 */
const uncurry = <A extends unknown[], R>(fn: (...args: A) => R): ((self: unknown, ...args: A) => R) =>
  Function.prototype.call.bind(fn) as unknown as (self: unknown, ...args: A) => R;

/** Turns a method into a function taking `this` first, bound now (later changes to the prototype do not matter). */
export const uncurried = uncurry;
/** `Array.isArray`. */
export const isArray = Array.isArray;
/** `Object.getOwnPropertySymbols`. */
export const ownSymbols = Object.getOwnPropertySymbols;
/** `Reflect.apply`. */
export const apply = Reflect.apply;
/** `String.prototype.startsWith`, uncurried. */
export const startsWith = uncurry(String.prototype.startsWith as (search: string) => boolean);
/** `String.prototype.endsWith`, uncurried. */
export const endsWith = uncurry(String.prototype.endsWith as (search: string) => boolean);
/** `String.prototype.toLowerCase`, uncurried. */
export const toLower = uncurry(String.prototype.toLowerCase as () => string);
/** `String.prototype.slice`, uncurried. */
export const sliceString = uncurry(String.prototype.slice as (start?: number, end?: number) => string);
/** `String.prototype.lastIndexOf`, uncurried. */
export const lastIndexOf = uncurry(String.prototype.lastIndexOf as (search: string) => number);
/** `RegExp.prototype.exec`, uncurried. */
export const exec = uncurry(RegExp.prototype.exec as (text: string) => RegExpExecArray | null);
/** `Set.prototype.has`, uncurried. */
export const setHas = uncurry(Set.prototype.has as (value: unknown) => boolean);
/** `String` (the conversion function). */
export const toText = String;
