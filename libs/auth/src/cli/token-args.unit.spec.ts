import { parseTokenArgs } from './token-args';

describe('parseTokenArgs', () => {
  it('builds the principal of each scoped role from its flag', () => {
    expect(parseTokenArgs(['--role', 'station', '--station', 'S-1'])).toEqual({
      help: false,
      principal: { sub: 'dev-station-S-1', role: 'station', stationId: 'S-1' },
      ttl: '12h',
    });
    expect(parseTokenArgs(['--role=unit', '--unit=U-1', '--sub', 'alice', '--ttl', '30m'])).toEqual({
      help: false,
      principal: { sub: 'alice', role: 'unit', unitId: 'U-1' },
      ttl: '30m',
    });
    expect(parseTokenArgs(['--role', 'reporter', '--compound', 'C-1'])).toMatchObject({
      principal: { role: 'reporter', compoundId: 'C-1' },
    });
  });

  it('refuses a scoped role without its scope, naming the flag', () => {
    expect(() => parseTokenArgs(['--role', 'station'])).toThrow('role station needs --station ID');
    expect(() => parseTokenArgs(['--role', 'unit'])).toThrow('role unit needs --unit ID');
    expect(() => parseTokenArgs(['--role', 'reporter'])).toThrow('role reporter needs --compound ID');
  });

  it('refuses unknown roles and flags, a missing role and a scope the role does not use', () => {
    expect(() => parseTokenArgs(['--role', 'mayor'])).toThrow('unknown role "mayor"');
    expect(() => parseTokenArgs([])).toThrow('--role is required');
    expect(() => parseTokenArgs(['--role', 'office', '--town', 'T'])).toThrow(/--town/);
    expect(() => parseTokenArgs(['--role', 'office', '--station', 'S-1'])).toThrow('--station does not apply to role office');
    expect(() => parseTokenArgs(['--role', 'office', '--ttl', 'forever'])).toThrow('--ttl must look like 90s, 30m, 12h or 7d, got "forever"');
  });
});
