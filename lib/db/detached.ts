import { AsyncLocalStorage } from "node:async_hooks";
import mysql, { type Pool, type PoolOptions } from "mysql2/promise";

/**
 * Database work outside the visit that asked for it. Node keeps on every socket and timer the async
 * context it was made in, for as long as it lives: a pool's connection, or its 500 ms idle-connection
 * timer, made in the middle of a page's render kept that render alive, and through the stack traces and
 * immediates it had queued hundreds of finished renders (about 100 KB each), until the heap ran out under
 * a mixed load of distinct day pages (issue 15, heap snapshots). The pools' methods run here in the
 * context of the process's start instead; what they return is awaited in the caller's context as usual.
 */

/** Captured once per process, at start-up (instrumentation-node.ts), shared by every bundle. */
const shared = globalThis as unknown as { startupContext?: <R>(run: () => R) => R };

export function outsideRequests<R>(run: () => R): R {
  shared.startupContext ??= AsyncLocalStorage.snapshot();
  return shared.startupContext(run);
}

/** Methods that return another object of database methods: a driver adapter, a transaction. */
const OPENERS = new Set(["connect", "startTransaction"]);

/** The object (a pool, Prisma's driver adapter), with each of its methods run outside requests. */
export function detachMethods<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result = outsideRequests(() => value.apply(object, args));
        return OPENERS.has(String(key)) && result instanceof Promise
          ? result.then((opened: object) => detachMethods(opened))
          : result;
      };
    },
  });
}

/** A mysql2 pool whose work runs outside requests: every pool of the app is made here. */
export function createDetachedPool(options: PoolOptions): Pool {
  return detachMethods(mysql.createPool(options));
}
