// The peer for the API latency benchmark: a hello-world Hono app on the same runtime (workerd via wrangler dev).
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.json({ hello: 'world' }));
export default app;
