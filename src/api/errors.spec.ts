import { ApiError } from './errors';

describe('jupyterlab-catalyst', () => {
  describe('ApiError.fromResponse', () => {
    it('should read status, code and message from the JSON error body', async () => {
      const response = new Response(
        JSON.stringify({
          statusCode: 400,
          error: 'Bad Request',
          message: 'body/language must be a string',
          code: 'validation'
        }),
        { status: 400, headers: { 'Content-Type': 'application/json' } }
      );

      const error = await ApiError.fromResponse(response);

      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('ApiError');
      expect(error.status).toBe(400);
      expect(error.code).toBe('validation');
      expect(error.message).toBe('body/language must be a string');
    });

    it('should read the seconds to wait of a 429 from the body, else from Retry-After', async () => {
      const body = (retryAfter?: number) =>
        JSON.stringify({
          statusCode: 429,
          error: 'Too Many Requests',
          message: 'wait',
          code: 'rate_limited',
          retryAfter
        });
      const fromBody = await ApiError.fromResponse(
        new Response(body(7), { status: 429, headers: { 'Retry-After': '9' } })
      );
      const fromHeader = await ApiError.fromResponse(
        new Response(body(), { status: 429, headers: { 'Retry-After': '9' } })
      );
      const httpDate = await ApiError.fromResponse(
        new Response(body(), {
          status: 429,
          headers: { 'Retry-After': 'Fri, 27 Nov 2026 10:00:00 GMT' }
        })
      );

      expect(fromBody.retryAfter).toBe(7);
      expect(fromHeader.retryAfter).toBe(9);
      expect(httpDate.retryAfter).toBeUndefined();
    });

    it('should fall back to an http_<status> code for a non-JSON body', async () => {
      const response = new Response('<html>Bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway'
      });

      const error = await ApiError.fromResponse(response);

      expect(error.status).toBe(502);
      expect(error.code).toBe('http_502');
      expect(error.message).toBe('Bad Gateway');
    });
  });
});
