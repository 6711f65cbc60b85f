import * as z from 'zod/mini';

// zod 4 probes `new Function` to build fast parsers. On a host page with a strict
// Content-Security-Policy that probe fires a securitypolicyviolation on every
// parse (shared/TOOLCHAIN.md), so the core is always jitless.
z.config({ jitless: true });

export { z };
