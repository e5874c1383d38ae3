// Partner API keys: create (secret shown once), list, revoke, and authenticate a presented key.
export { authenticateApiKey, LAST_USED_EVERY_MS } from './authenticate-api-key.ts';
export { createApiKey, createApiKeyInput, MAX_ACTIVE_KEYS, type CreatedApiKey } from './create-api-key.ts';
export { isWellFormedApiKey, looksLikeApiKey, mintApiKey } from './key-format.ts';
export { keyStatus, listApiKeys, type ApiKeyStatus, type ApiKeyView } from './list-api-keys.ts';
export { revokeApiKey, revokeApiKeyInput } from './revoke-api-key.ts';
