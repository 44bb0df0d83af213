import { ForbiddenException } from '@nestjs/common';
import { assertScope, withinScope } from './assert-scope';

describe('assertScope', () => {
  it('lets each scoped role act within its own compound, station or unit', () => {
    expect(() => assertScope({ sub: 'r', role: 'reporter', compoundId: 'C-1' }, { compoundId: 'C-1', stationId: 'S-1' })).not.toThrow();
    expect(() => assertScope({ sub: 's', role: 'station', stationId: 'S-1' }, { stationId: 'S-1' })).not.toThrow();
    expect(() => assertScope({ sub: 'u', role: 'unit', unitId: 'U-2' }, { unitId: ['U-1', 'U-2'] })).not.toThrow();
  });

  it('lets the town-wide roles act anywhere', () => {
    for (const role of ['office', 'auditor', 'admin'] as const) {
      expect(() => assertScope({ sub: role, role }, { stationId: 'S-9' })).not.toThrow();
    }
  });

  it('refuses with 403 naming both scopes, and when the resource does not say where it belongs', () => {
    const unit = { sub: 'u', role: 'unit', unitId: 'U-3' } as const;
    expect(() => assertScope(unit, { unitId: ['U-1', 'U-2'] })).toThrow(
      new ForbiddenException('unit U-3 is outside the scope of this resource (unitId: U-1, U-2)'),
    );
    expect(() => assertScope(unit, { stationId: 'S-1' })).toThrow('unit U-3 is outside the scope of this resource (unitId: none)');
  });

  it('answers the same question without throwing, for a caller that must not learn the resource exists', () => {
    const station = { sub: 's', role: 'station', stationId: 'S-1' } as const;
    expect(withinScope(station, { stationId: ['S-2', 'S-1'] })).toBe(true);
    expect(withinScope(station, { stationId: 'S-2' })).toBe(false);
    expect(withinScope(station, { compoundId: 'C-1' })).toBe(false);
    expect(withinScope({ sub: 'o', role: 'office' }, {})).toBe(true);
  });
});
