import { Button, Divider, Flex, Form, Input, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { AnyEntry, CatalogueListName, FullCatalogue } from '../../api/catalogue-admin-types';
import { LEVELS, type Name } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useCatalogueChange, useNeeded } from './catalogue-change';
import { entryOf, valuesOf, type EntryValues } from './entry-values';
import { CatalogueChangeError } from './change-error';
import { ReasonAndSubmit } from './reason-and-submit';

interface EntryFormProps {
  readonly list: CatalogueListName;
  /** the entry as it stands; absent when adding one */
  readonly entry?: AnyEntry;
  readonly catalogue: FullCatalogue;
  readonly revision: number;
  readonly reload: () => void;
  readonly onDone: () => void;
}

/**
 * Adds or revises an entry of one list: its names and what the list's entries have (a category's
 * level, units and own deadlines; a unit's webhook and contacts; a compound's community; a
 * community's station; a station's webhook), with the reason the change is made.
 */
export function EntryForm({ list, entry, catalogue, revision, reload, onDone }: EntryFormProps) {
  const { t, nameOf } = useI18n();
  const needed = useNeeded();
  const [form] = Form.useForm<EntryValues>();
  const change = useCatalogueChange(form, 'entry', revision, reload);
  const options = (of: readonly { id: string; name: Name }[]) => of.map((e) => ({ value: e.id, label: nameOf(e.name, e.id) }));
  const submit = async (values: EntryValues) => {
    const id = entry?.id ?? values.id.trim();
    const body = { entry: entryOf(list, entry, values), reason: values.reason };
    if (await change.send('PUT', `/api/catalogue/${list}/${encodeURIComponent(id)}`, body, t('catalogue.saved'))) onDone();
  };
  const duration = (name: (string | number)[], label: Parameters<typeof t>[0]) => (
    <Form.Item name={name} label={t(label)} style={{ flex: 1, minWidth: 160 }}>
      <Input placeholder="PT30M" allowClear data-testid={`entry-${name.join('-')}`} />
    </Form.Item>
  );
  const webhook = (
    <>
      <Divider titlePlacement="start" plain>
        {t('catalogue.field.webhook')}
      </Divider>
      <Form.Item name={['webhook', 'url']} label={t('catalogue.field.webhookUrl')}>
        <Input type="url" placeholder="https://" data-testid="entry-webhook-url" />
      </Form.Item>
      <Form.Item name={['webhook', 'secretRef']} label={t('catalogue.field.secretRef')}>
        <Input data-testid="entry-webhook-secret" />
      </Form.Item>
    </>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="entry-form">
      <CatalogueChangeError error={change.error} />
      <Form<EntryValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={valuesOf(entry)}>
        <Form.Item name="id" label={t('catalogue.field.id')} extra={entry ? undefined : t('catalogue.field.id.help')} rules={entry ? [] : needed(t('catalogue.field.id'))}>
          <Input disabled={entry !== undefined} maxLength={100} data-testid="entry-id" />
        </Form.Item>
        <Form.Item name={['name', 'zh']} label={t('catalogue.field.nameZh')} rules={needed(t('catalogue.field.nameZh'))}>
          <Input maxLength={100} data-testid="entry-name-zh" />
        </Form.Item>
        <Form.Item name={['name', 'en']} label={t('catalogue.field.nameEn')} rules={needed(t('catalogue.field.nameEn'))}>
          <Input maxLength={200} data-testid="entry-name-en" />
        </Form.Item>
        {list === 'categories' && (
          <>
            <Form.Item name="defaultLevel" label={t('catalogue.field.defaultLevel')} rules={[{ required: true, message: t('catalogue.field.needed', { what: t('catalogue.field.defaultLevel') }) }]}>
              <Select data-testid="entry-level" options={LEVELS.map((level) => ({ value: level, label: t(`level.${level}`) }))} />
            </Form.Item>
            <Form.Item name="unitIds" label={t('catalogue.field.unitIds')}>
              <Select mode="multiple" data-testid="entry-units" showSearch optionFilterProp="label" options={options(catalogue.units)} />
            </Form.Item>
            <Divider titlePlacement="start" plain>
              {t('catalogue.field.deadlines')}
            </Divider>
            <Typography.Paragraph type="secondary">{t('catalogue.field.duration.help')}</Typography.Paragraph>
            <Flex gap={12} wrap>
              {duration(['deadlines', 'reportIn', '2'], 'deadline.reportIn.2')}
              {duration(['deadlines', 'reportIn', '3'], 'deadline.reportIn.3')}
            </Flex>
            <Flex gap={12} wrap>
              {duration(['deadlines', 'grace', '2'], 'deadline.grace.2')}
              {duration(['deadlines', 'grace', '3'], 'deadline.grace.3')}
            </Flex>
            {duration(['deadlines', 'activity'], 'deadline.activity')}
          </>
        )}
        {list === 'units' && (
          <>
            <Divider titlePlacement="start" plain>
              {t('catalogue.field.contacts')}
            </Divider>
            <Form.List name="contacts">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="baseline" wrap>
                      <Form.Item name={[field.name, 'name']} label={t('catalogue.field.contactName')} rules={needed(t('catalogue.field.contactName'))}>
                        <Input maxLength={50} data-testid="entry-contact-name" />
                      </Form.Item>
                      <Form.Item name={[field.name, 'phone']} label={t('catalogue.field.contactPhone')} rules={needed(t('catalogue.field.contactPhone'))}>
                        <Input type="tel" maxLength={25} data-testid="entry-contact-phone" />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('catalogue.field.removeContact')} onClick={() => remove(field.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', phone: '' })} data-testid="entry-add-contact">
                    {t('catalogue.field.addContact')}
                  </Button>
                </>
              )}
            </Form.List>
            {webhook}
          </>
        )}
        {list === 'compounds' && (
          <Form.Item name="communityId" label={t('catalogue.field.communityId')} rules={[{ required: true, message: t('catalogue.field.needed', { what: t('catalogue.field.communityId') }) }]}>
            <Select data-testid="entry-community" showSearch optionFilterProp="label" options={options(catalogue.communities)} />
          </Form.Item>
        )}
        {list === 'communities' && (
          <Form.Item name="stationId" label={t('catalogue.field.stationId')} rules={[{ required: true, message: t('catalogue.field.needed', { what: t('catalogue.field.stationId') }) }]}>
            <Select data-testid="entry-station" showSearch optionFilterProp="label" options={options(catalogue.stations)} />
          </Form.Item>
        )}
        {list === 'stations' && webhook}
        <Divider />
        <ReasonAndSubmit testId="entry" busy={change.busy} />
      </Form>
    </Space>
  );
}
