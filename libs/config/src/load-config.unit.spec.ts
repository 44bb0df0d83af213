import { ConfigError, loadConfig } from './load-config';
import { setting } from './settings';

const spec = {
  PORT: setting.port('HTTP port', 3000),
  DATA_DIR: setting.string('where data lives', './data'),
  LOG_LEVEL: setting.oneOf('log level', ['debug', 'info', 'warn'] as const, 'info'),
  POLL: setting.duration('poll interval', 'PT1S'),
  JWT_SECRET: setting.string('signing secret'),
  BODY_LIMIT: setting.byteSize('largest body', '64kb'),
  VERBOSE: setting.bool('chatty', false),
};

describe('loadConfig', () => {
  it('reads typed values and defaults, treating empty as unset', () => {
    expect(loadConfig(spec, { JWT_SECRET: 's', PORT: '8080', DATA_DIR: '', VERBOSE: 'yes' })).toEqual({
      PORT: 8080,
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      POLL: 'PT1S',
      JWT_SECRET: 's',
      BODY_LIMIT: '64kb',
      VERBOSE: true,
    });
  });

  it('names every bad setting at once', () => {
    let error: unknown;
    try {
      loadConfig(spec, { PORT: '99999', LOG_LEVEL: 'loud', POLL: '5s', BODY_LIMIT: 'huge', VERBOSE: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([
      'PORT: "99999" is not a whole number from 0 to 65535 (HTTP port)',
      'LOG_LEVEL: "loud" is not one of debug, info, warn (log level)',
      'POLL: "5s" is not an ISO-8601 duration such as PT30S (poll interval)',
      'JWT_SECRET is required (signing secret)',
      'BODY_LIMIT: "huge" is not a size such as 64kb or 1mb (largest body)',
      'VERBOSE: "maybe" is not true or false (chatty)',
    ]);
    expect((error as ConfigError).message).toContain('JWT_SECRET is required');
  });
});

describe('setting.optionalTrustedUrl', () => {
  const issuer = { JWT_ISSUER: setting.optionalTrustedUrl('the identity provider') };

  it('takes https anywhere and http on this machine only', () => {
    expect(loadConfig(issuer, {})).toEqual({ JWT_ISSUER: undefined });
    expect(loadConfig(issuer, { JWT_ISSUER: 'https://id.example.gov.cn/realms/town' })).toEqual({ JWT_ISSUER: 'https://id.example.gov.cn/realms/town' });
    expect(loadConfig(issuer, { JWT_ISSUER: 'http://127.0.0.1:4000' })).toEqual({ JWT_ISSUER: 'http://127.0.0.1:4000' });
  });

  it('names the setting for plain http elsewhere, a query, or no URL at all', () => {
    const problem = (value: string) => {
      try {
        loadConfig(issuer, { JWT_ISSUER: value });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      throw new Error(`${value} was accepted`);
    };
    expect(problem('http://id.example.gov.cn')).toEqual([
      'JWT_ISSUER: "http://id.example.gov.cn" is not an https:// URL (plain http:// only on this machine: localhost, 127.0.0.1) (the identity provider)',
    ]);
    expect(problem('https://id.example.gov.cn?realm=x')).toEqual(['JWT_ISSUER: "https://id.example.gov.cn?realm=x" has a query or fragment, which an issuer never has (the identity provider)']);
    expect(problem('id.example.gov.cn')).toEqual(['JWT_ISSUER: "id.example.gov.cn" is not a URL (the identity provider)']);
  });
});
