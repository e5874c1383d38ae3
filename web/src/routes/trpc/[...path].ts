import type { APIEvent } from '@solidjs/start/server';
import { forwardToApi } from '../../server/api-proxy.ts';

export const GET = (event: APIEvent) => forwardToApi(event);
export const POST = (event: APIEvent) => forwardToApi(event);
