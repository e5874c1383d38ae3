/**
 * Stands in for `co-body` in the worker bundle (wrangler.toml `[alias]`). trpc-to-openapi's package entry re-exports
 * its Node adapters, whose body parser pulls co-body → raw-body → iconv-lite, and iconv-lite's browser build (what
 * wrangler bundles) throws at load ("require_streams(...) is not a function"), so the worker would not start. The
 * worker uses only the document generator (rest/document.ts) and its own handler (rest.ts): nothing calls this.
 */
export default function parse(): never {
  throw new Error('co-body is not available in the worker: trpc-to-openapi’s Node adapters are not used here');
}
