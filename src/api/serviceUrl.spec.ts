import { joinUrl, resolveServiceUrl } from './serviceUrl';

describe('jupyterlab-catalyst', () => {
  describe('resolveServiceUrl', () => {
    it('should derive the service path from the default hub prefix', () => {
      expect(resolveServiceUrl('', { hubPrefix: '/hub/', hubHost: '' })).toBe(
        '/services/catalyst/'
      );
    });

    it('should keep a hub base URL in front of services/', () => {
      expect(resolveServiceUrl('', { hubPrefix: '/jupyter/hub/' })).toBe(
        '/jupyter/services/catalyst/'
      );
    });

    it('should put the hub host first when the hub lives on another origin', () => {
      expect(
        resolveServiceUrl('', {
          hubHost: 'https://hub.example.org',
          hubPrefix: '/hub/'
        })
      ).toBe('https://hub.example.org/services/catalyst/');
    });

    it('should report no service without a hub (plain jupyter lab)', () => {
      expect(resolveServiceUrl('', { hubPrefix: '', hubHost: '' })).toBeNull();
      expect(resolveServiceUrl('   ', {})).toBeNull();
    });

    it('should prefer the setting and end it with a slash', () => {
      expect(
        resolveServiceUrl('https://catalyst.example.org/api-root', {
          hubPrefix: '/hub/'
        })
      ).toBe('https://catalyst.example.org/api-root/');
    });
  });

  describe('joinUrl', () => {
    it('should join a base and a route without doubling the slash', () => {
      expect(joinUrl('/services/catalyst/', '/api/me')).toBe(
        '/services/catalyst/api/me'
      );
      expect(joinUrl('/services/catalyst/', 'api/me')).toBe(
        '/services/catalyst/api/me'
      );
    });
  });
});
