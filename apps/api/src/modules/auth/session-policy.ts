/** Session and login-throttling rules, in one place. */
export const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often (keeps reads from being writes). */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;
export const LOGIN_MAX_FAILURES_PER_IP = 30;

export const SESSION_COOKIE = 'jasmin_session';
export const SECURE_SESSION_COOKIE = '__Host-jasmin_session';
