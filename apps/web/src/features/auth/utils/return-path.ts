const BASE = 'http://jasmin.invalid';

/** The login page's address, remembering where to come back to. */
export function loginPath(returnTo: string): string {
  const safe = safeReturnPath(returnTo);
  return safe === '/' ? '/connexion' : `/connexion?retour=${encodeURIComponent(safe)}`;
}

/**
 * Where to go after signing in: only a path of this app (no other site, no `//host`, no
 * scheme), never the login page itself; anything else falls back to the home page.
 */
export function safeReturnPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE || url.pathname.startsWith('//') || url.pathname === '/connexion')
    return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
