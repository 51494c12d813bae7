// Preloaded into the `prisma migrate deploy` child process (see src/db/migrate.ts).
// The WASM schema engine arms a 10 s setTimeout per query and never clears it, so with the embedded
// PGlite adapter the CLI finishes its work in ~1 s and then idles for 10 s before exiting.
// Unref'ing long timers lets the process exit as soon as the work is done; nothing else is changed.
"use strict";
const originalSetTimeout = global.setTimeout;
global.setTimeout = function patchedSetTimeout(fn, ms, ...args) {
  const timer = originalSetTimeout.call(this, fn, ms, ...args);
  if (typeof ms === "number" && ms >= 5000 && timer && typeof timer.unref === "function") timer.unref();
  return timer;
};
