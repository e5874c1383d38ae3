// Accounts and sessions: the verbs behind `auth.*`, `fairline users create` and principal resolution at the edge.
export { currentSessionId, type ClientInfo, type UserCtx, type UserPrincipal } from './actor.ts';
export { changePassword, changePasswordInput } from './change-password.ts';
export { commonPasswordReason } from './common-passwords.ts';
export { createUser, createUserInput, insertNewUser, newUserRecord } from './create-user.ts';
export { emailInput, newPasswordInput, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS } from './inputs.ts';
export { listSessions, type SessionView } from './list-sessions.ts';
export { me, type Me } from './me.ts';
export { hashPassword, PASSWORD_HASH_PARAMS, verifyPassword } from './password.ts';
export { ANONYMOUS, userOf, type AuthUser, type Principal } from './principal.ts';
export { revokeSession, revokeSessionInput } from './revoke-session.ts';
export { authenticateSession, SESSION_SLIDE_BELOW_MS, SESSION_TOKEN_PREFIX, SESSION_TTL_MS, type NewSession } from './sessions.ts';
export { INVALID_CREDENTIALS, signIn, signInInput } from './sign-in.ts';
export { signOut } from './sign-out.ts';
export { signUp, signUpInput } from './sign-up.ts';
export { chargeSignInAttempt, chargeSignUpAttempt, SIGN_IN_THROTTLE, SIGN_UP_THROTTLE } from './throttle.ts';
