import type { ReactNode } from 'react';
import { Space } from 'antd';
import type { CaseViewHandle } from '../../api/case-view';
import type { FieldCase } from '../../api/field-types';
import { ErrorAlert } from '../../components/error-alert';

/** What every action panel of a case gets: the case as the read side shows it, and the wait for a command's effect. */
export interface PanelProps {
  readonly view: FieldCase;
  readonly settle: CaseViewHandle['settle'];
}

/** A panel's form with its last error above it (the form keeps what was typed). */
export function PanelBody({ error, children, testId }: { error: unknown; children: ReactNode; testId: string }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={testId}>
      {error !== null && <ErrorAlert error={error} />}
      {children}
    </Space>
  );
}
