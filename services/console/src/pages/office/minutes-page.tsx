import { Button, Segmented, Space } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import '../../print.css';
import { api } from '../../api/client';
import type { Minutes } from '../../api/office-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { MinutesDocument, type DocumentLanguage } from './minutes-document';

/** 会议纪要, ready to print (A4, no navigation on paper), in Chinese or English whatever the console's language. */
export default function MinutesPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { token } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const lang: DocumentLanguage = params.get('lang') === 'en' ? 'en' : params.get('lang') === 'zh' ? 'zh' : locale === 'en' ? 'en' : 'zh';
  const minutes = useLoad((signal) => api<Minutes>('GET', `/api/adjudication/meetings/${id}/minutes`, { token, signal, query: { lang } }), `${token}|${id}|${lang}`);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space className="no-print" wrap>
        <Link to={`/meetings/${id}`}>← {t('minutes.back')}</Link>
        <Segmented<DocumentLanguage>
          aria-label={t('minutes.language')}
          data-testid="minutes-language"
          value={lang}
          onChange={(next) => setParams({ lang: next }, { replace: true })}
          options={[
            { value: 'zh', label: <span lang="zh-CN">中文</span> },
            { value: 'en', label: <span lang="en">English</span> },
          ]}
        />
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
          {t('minutes.print')}
        </Button>
      </Space>
      {minutes.error !== null && <ErrorAlert error={minutes.error} onRetry={minutes.reload} />}
      {minutes.data && <MinutesDocument minutes={minutes.data} lang={lang} />}
    </Space>
  );
}
