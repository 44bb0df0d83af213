import { Alert, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { openCasesOf } from './change-paths';

/**
 * A refused or failed change as the server gave it: a 412 says someone else changed the catalogue
 * (the page has loaded it afresh); a 409 for open cases names them, each a link to its case page.
 */
export function CatalogueChangeError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error === null) return null;
  if (error instanceof ApiError && error.status === 412) {
    return <Alert type="warning" showIcon role="alert" data-testid="catalogue-stale" title={t('catalogue.stale.title')} description={t('catalogue.stale.action')} />;
  }
  const open = openCasesOf(error);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={error} />
      {open && open.caseIds.length > 0 && (
        <Typography.Paragraph data-testid="catalogue-open-cases" style={{ margin: 0 }}>
          {t('catalogue.openCases')}{' '}
          {open.caseIds.map((id, i) => (
            <span key={id}>
              {i > 0 && '、'}
              <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link>
            </span>
          ))}
          {open.more > 0 && ` ${t('catalogue.openCases.more', { total: open.caseIds.length + open.more })}`}
        </Typography.Paragraph>
      )}
    </Space>
  );
}
