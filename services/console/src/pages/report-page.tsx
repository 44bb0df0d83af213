import { useState } from 'react';
import { Button, Card, Form, Input, Result, Select, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useCatalogue } from '../api/catalogue';
import { ApiError, api } from '../api/client';
import { CHANNELS, type Catalogue, type Channel, type CommandResult, type Principal } from '../api/types';
import { ErrorAlert } from '../components/error-alert';
import { EvidencePicker, type EvidenceItem } from '../evidence/evidence-picker';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.zh-CN';
import { useSignedIn } from '../session/session';
import { categoryOptions, compoundOptions } from './report-pickers';

interface ReportForm {
  compoundId: string;
  category: string;
  description: string;
  location?: string;
  channel: Channel;
  reporterName?: string;
  reporterPhone?: string;
  evidence?: EvidenceItem[];
}

/** The form's fields by the names the API gives a bad field in a 400. */
const FIELD_OF: Readonly<Record<string, { name: keyof ReportForm; label: MessageKey }>> = {
  compoundId: { name: 'compoundId', label: 'report.compound' },
  category: { name: 'category', label: 'report.category' },
  description: { name: 'description', label: 'report.description' },
  location: { name: 'location', label: 'report.location' },
  channel: { name: 'channel', label: 'report.channel' },
  'reporter.name': { name: 'reporterName', label: 'report.reporterName' },
  'reporter.phone': { name: 'reporterPhone', label: 'report.reporterPhone' },
  evidence: { name: 'evidence', label: 'evidence.label' },
};

/** `evidence[2].sha256` and the like are the evidence field's. */
const fieldOf = (field: string | undefined) => (field === undefined ? undefined : FIELD_OF[field.startsWith('evidence') ? 'evidence' : field]);

const DEFAULT_CHANNEL: Partial<Record<Principal['role'], Channel>> = { reporter: 'branch', station: 'station_patrol', office: 'hotline_12345' };

/** The compounds a caller may report for: a reporter its own, a station its communities', the office every one. */
function compoundsFor(principal: Principal, catalogue: Catalogue): Catalogue['compounds'] {
  if (principal.role === 'reporter') return catalogue.compounds.filter((c) => c.id === principal.compoundId);
  if (principal.role === 'station') {
    const communities = new Set(catalogue.communities.filter((c) => c.stationId === principal.stationId).map((c) => c.id));
    return catalogue.compounds.filter((c) => communities.has(c.communityId));
  }
  return catalogue.compounds;
}

/** 上报: a problem in a compound. What was typed stays in the form whatever the API answers. */
export function ReportPage() {
  const { t, nameOf } = useI18n();
  const { token, principal } = useSignedIn();
  const catalogue = useCatalogue();
  const [form] = Form.useForm<ReportForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [reported, setReported] = useState<{ result: CommandResult; station: string } | null>(null);
  const compounds = compoundsFor(principal, catalogue);
  const categoryId = Form.useWatch('category', form);
  const category = catalogue.categories.find((c) => c.id === categoryId);
  const unitName = (id: string) => nameOf(catalogue.units.find((u) => u.id === id)?.name, id);
  // A party branch reports for its own compound through its own channel: its form asks only about the problem.
  const short = principal.role === 'reporter';

  const submit = async (values: ReportForm) => {
    setBusy(true);
    setError(null);
    try {
      const reporter = values.reporterName || values.reporterPhone ? { reporter: { name: values.reporterName ?? '', phone: values.reporterPhone ?? '' } } : {};
      const result = await api<CommandResult>('POST', '/api/intake/cases', {
        token,
        body: {
          compoundId: values.compoundId,
          category: values.category,
          description: values.description,
          channel: values.channel,
          ...(values.location ? { location: values.location } : {}),
          ...reporter,
          ...(values.evidence?.length ? { evidence: values.evidence } : {}),
        },
      });
      const community = catalogue.communities.find((c) => c.id === catalogue.compounds.find((c2) => c2.id === values.compoundId)?.communityId);
      setReported({ result, station: nameOf(catalogue.stations.find((s) => s.id === community?.stationId)?.name) });
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.status === 400) {
        form.setFields(
          e.details.flatMap((d) => {
            const field = fieldOf(d.field);
            return field ? [{ name: field.name, errors: [t('error.400.field', { field: t(field.label) })] }] : [];
          }),
        );
      }
    } finally {
      setBusy(false);
    }
  };

  if (reported) {
    const caseId = reported.result.duplicateOf ?? reported.result.id;
    return (
      <Card>
        <Result
          status={reported.result.duplicateOf ? 'info' : 'success'}
          title={reported.result.duplicateOf ? t('report.duplicate') : t('report.done', { station: reported.station })}
          subTitle={<span data-testid="reported-case-id">{caseId}</span>}
          extra={[
            <Link key="open" to={`/cases/${caseId}`} data-testid="open-reported-case">
              {t('report.openCase')}
            </Link>,
            <Button
              key="again"
              onClick={() => {
                setReported(null);
                form.resetFields();
              }}
            >
              {t('report.another')}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  const required = (label: MessageKey) => [{ required: true, whitespace: true, message: t('report.required', { what: t(label) }) }];
  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('report.title')}
        </Typography.Title>
      }
      style={{ maxWidth: 760 }}
    >
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} />
        </div>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ compoundId: compounds.length === 1 ? compounds[0]?.id : undefined, channel: DEFAULT_CHANNEL[principal.role] ?? 'branch' }}
        scrollToFirstError
      >
        <Form.Item name="compoundId" label={t('report.compound')} rules={required('report.compound')}>
          <Select data-testid="report-compound" showSearch={{ optionFilterProp: 'label' }} options={compoundOptions(compounds, catalogue, nameOf)} />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('report.category')}
          rules={required('report.category')}
          extra={category && t('report.categoryHint', { level: t(`level.${category.defaultLevel}`), units: category.unitIds.map(unitName).join('、') })}
        >
          <Select data-testid="report-category" showSearch={{ optionFilterProp: 'label' }} options={categoryOptions(catalogue, nameOf, t)} />
        </Form.Item>
        <Form.Item name="description" label={t('report.description')} rules={required('report.description')}>
          <Input.TextArea data-testid="report-description" rows={4} maxLength={2000} showCount placeholder={t('report.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item name="location" label={t('report.location')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="channel" label={t('report.channel')} rules={required('report.channel')} hidden={short}>
          <Select data-testid="report-channel" options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
        </Form.Item>
        <Form.Item name="evidence" label={t('evidence.label')} extra={t('evidence.hint')}>
          <EvidencePicker />
        </Form.Item>
        <Form.Item name="reporterName" label={t('report.reporterName')}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="reporterPhone"
          label={t('report.reporterPhone')}
          rules={[{ pattern: /^\+?[0-9][0-9 -]{4,19}$/, message: t('report.phoneInvalid') }]}
        >
          <Input inputMode="tel" maxLength={20} autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="report-submit">
          {t('report.submit')}
        </Button>
      </Form>
    </Card>
  );
}
