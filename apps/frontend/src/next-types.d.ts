// Next.js's ambient types (CSS modules, static image imports, process.env.NODE_ENV), which
// the generated next-env.d.ts would provide. That file is rewritten by `next dev` and `next
// build` (it imports .next/types or .next/dev/types), so it is neither tracked nor type-checked.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
