import { defineConfig } from 'drizzle-kit';

// `nx run backend:db-generate` writes a new versioned SQL migration from the schema files.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './migrations',
  casing: 'snake_case',
});
