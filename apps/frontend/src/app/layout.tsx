import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { readEnv } from '../lib/env';
import './global.css';

// Title and banner come from the environment of the running server, not from the build.
export const dynamic = 'force-dynamic';

export function generateMetadata(): Metadata {
  const { APP_TITLE } = readEnv();
  return {
    title: { default: APP_TITLE, template: `%s · ${APP_TITLE}` },
    description: 'Your tasks, in one list.',
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  const { APP_TITLE, APP_BANNER } = readEnv();
  return (
    // `js` marks controls that need JavaScript (editing in place) as usable; set before paint.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script>{`document.documentElement.classList.add('js')`}</script>
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <a className="brand" href="/">
            {APP_TITLE}
          </a>
        </header>
        {APP_BANNER ? (
          <p className="banner" role="status">
            {APP_BANNER}
          </p>
        ) : null}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
