import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../http-errors.js';
import {
  hasAccessScope,
  pickLanguage,
  rolesFor,
  tokenFromHeader
} from './session.service.js';

const rules = {
  hubChampionGroup: 'hub-champions',
  communityChampionGroup: 'community-champions',
  coreTeam: ['tess'],
  coreTeamGroup: 'core-team'
};

describe('rolesFor', () => {
  it('makes every user a member', () => {
    assert.deepEqual(
      rolesFor({ name: 'ana', admin: false, groups: ['other'] }, rules),
      ['member']
    );
  });

  it('makes hub admins and the hub champion group hub champions', () => {
    assert.deepEqual(rolesFor({ name: 'a', admin: true, groups: [] }, rules), [
      'member',
      'hub-champion'
    ]);
    assert.deepEqual(
      rolesFor({ name: 'b', admin: false, groups: ['hub-champions'] }, rules),
      ['member', 'hub-champion']
    );
  });

  it('reads community champions from their group and the core team from list or group', () => {
    assert.deepEqual(
      rolesFor(
        { name: 'c', admin: false, groups: ['community-champions'] },
        rules
      ),
      ['member', 'community-champion']
    );
    assert.deepEqual(
      rolesFor({ name: 'tess', admin: false, groups: [] }, rules),
      ['member', 'core-team']
    );
    assert.deepEqual(
      rolesFor({ name: 'd', admin: false, groups: ['core-team'] }, rules),
      ['member', 'core-team']
    );
  });
});

describe('pickLanguage', () => {
  it('prefers an exact match, then the primary subtag, then the hub default', () => {
    assert.equal(pickLanguage('es', ['en', 'es']), 'es');
    assert.equal(pickLanguage('es-MX', ['en', 'es']), 'es');
    assert.equal(pickLanguage('pt_BR', ['en', 'pt-BR']), 'pt-BR');
    assert.equal(pickLanguage('fr', ['en', 'es']), 'en');
    assert.equal(pickLanguage(undefined, ['es', 'en']), 'es');
    assert.equal(pickLanguage(undefined, []), 'en');
  });
});

describe('tokenFromHeader', () => {
  it('reads token and Bearer schemes', () => {
    assert.equal(tokenFromHeader('token abc'), 'abc');
    assert.equal(tokenFromHeader('Bearer abc'), 'abc');
  });

  it('answers missing_token or invalid_token otherwise', () => {
    const code = (header: string | undefined) => {
      try {
        tokenFromHeader(header);
      } catch (error) {
        assert.ok(error instanceof AppError);
        return error.code;
      }
      return 'accepted';
    };
    assert.equal(code(undefined), 'missing_token');
    assert.equal(code('Basic abc'), 'invalid_token');
    assert.equal(code('token a b'), 'invalid_token');
  });
});

describe('hasAccessScope', () => {
  it('accepts the filtered scope for this service and the unfiltered one', () => {
    assert.ok(hasAccessScope(['access:services!service=catalyst'], 'catalyst'));
    assert.ok(hasAccessScope(['access:services'], 'catalyst'));
    assert.ok(!hasAccessScope(['access:services!service=other'], 'catalyst'));
    assert.ok(!hasAccessScope(['access:servers!user=ana', 'self'], 'catalyst'));
  });
});
