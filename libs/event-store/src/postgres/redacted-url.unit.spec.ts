import { redactedUrl } from './redacted-url';

describe('redactedUrl', () => {
  it('hides the password wherever pg would read it from', () => {
    expect(redactedUrl('postgres://whistle_intake:s3cret@127.0.0.1:54329/whistle')).toBe('postgres://whistle_intake:***@127.0.0.1:54329/whistle');
    expect(redactedUrl('postgres://u:p@ss@h/db')).not.toContain('ss@');
    expect(redactedUrl('postgres://u@h/db?password=hunter2&sslmode=disable')).toBe('postgres://u@h/db?password=***&sslmode=disable');
    expect(redactedUrl('postgres://u:zq/xy@host/db')).not.toMatch(/zq|xy/);
    expect(redactedUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
  });
});
