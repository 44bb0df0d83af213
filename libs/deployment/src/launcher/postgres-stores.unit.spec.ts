import { READER_ROLE, WRITER_ROLES, postgresStoreSettings } from './postgres-stores';

const stores = { adminUrl: 'postgres://postgres@127.0.0.1:54329/postgres', database: 'whistle_local' };
const roleOf = (url: string | undefined): string => (url ? new URL(url).username : 'none');

describe('the PostgreSQL settings the launcher gives each service', () => {
  it('a writer writes its own store as its own role and reads supervision’s (the catalogue’s changes) as the reader role', () => {
    const intake = postgresStoreSettings(stores, 'intake');
    expect(roleOf(intake['POSTGRES_URL_INTAKE'])).toBe(WRITER_ROLES.intake);
    expect(roleOf(intake['POSTGRES_URL_SUPERVISION'])).toBe(READER_ROLE);
    expect(intake['POSTGRES_READ_ROLE']).toBe(READER_ROLE);
    expect(Object.keys(intake).filter((name) => name.startsWith('POSTGRES_URL_'))).toEqual(['POSTGRES_URL_INTAKE', 'POSTGRES_URL_SUPERVISION']);
  });

  it('supervision writes its own store as its own role, granting the reader role SELECT', () => {
    const supervision = postgresStoreSettings(stores, 'supervision');
    expect(roleOf(supervision['POSTGRES_URL_SUPERVISION'])).toBe(WRITER_ROLES.supervision);
    expect(supervision['POSTGRES_READ_ROLE']).toBe(READER_ROLE);
  });

  it('the read sides read every store they open as the reader role', () => {
    const notifier = postgresStoreSettings(stores, 'notifications');
    expect(roleOf(notifier['POSTGRES_URL_SUPERVISION'])).toBe(READER_ROLE);
    const query = postgresStoreSettings(stores, 'query');
    expect(Object.entries(query).filter(([name]) => name.startsWith('POSTGRES_URL_')).map(([, url]) => roleOf(url))).toEqual(Array(5).fill(READER_ROLE));
    expect(query['POSTGRES_READ_ROLE']).toBeUndefined();
  });
});
