import { actorOf } from './principal';

describe('actorOf', () => {
  it('records the caller as the actor with its unit and station', () => {
    expect(actorOf({ sub: 'u-7', role: 'unit', unitId: 'U-CITY' })).toEqual({ id: 'u-7', role: 'unit', unitId: 'U-CITY' });
    expect(actorOf({ sub: 's-1', role: 'station', stationId: 'S-1' })).toEqual({ id: 's-1', role: 'station', stationId: 'S-1' });
  });

  it('leaves out the compound, which the actor does not carry', () => {
    expect(actorOf({ sub: 'r-1', role: 'reporter', compoundId: 'C-1' })).toEqual({ id: 'r-1', role: 'reporter' });
  });
});
