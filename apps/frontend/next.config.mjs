// Plain JavaScript on purpose: a next.config.ts makes the standalone output trace TypeScript.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  // The workspace root, so the build sees libs/ and the standalone server traces from there.
  outputFileTracingRoot: workspaceRoot,
  turbopack: { root: workspaceRoot },
  // The UI uses no next/image; apps/frontend/scripts/assemble-standalone.mjs drops sharp accordingly.
  images: { unoptimized: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
