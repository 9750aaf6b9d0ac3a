/**
 * The viewer-request CloudFront Function that gives the S3 origin (reached through Origin Access
 * Control, which has no directory index) the index documents Astro builds:
 *   /en/        → /en/index.html
 *   /sodertorn  → /sodertorn/index.html   (no dot in the last segment: a page, not a file)
 *   /app.js, /favicon.ico, /_astro/x.css   unchanged
 * Kept as plain ES5 source (the cloudfront-js-2.0 runtime) so a test can run it as is.
 */
export const DIRECTORY_INDEX_FUNCTION_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.charAt(uri.length - 1) === '/') {
    request.uri = uri + 'index.html';
  } else if (uri.substring(uri.lastIndexOf('/') + 1).indexOf('.') === -1) {
    request.uri = uri + '/index.html';
  }
  return request;
}
`;
