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
