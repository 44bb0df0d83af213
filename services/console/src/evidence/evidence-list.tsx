import { Typography } from 'antd';

/** A report's evidence as recorded: each file's name and its SHA-256, to compare with the file kept by the reporter. */
export function EvidenceList({ evidence }: { evidence: readonly { readonly name: string; readonly sha256: string }[] }) {
  return (
    <ul data-testid="case-evidence" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {evidence.map((item) => (
        <li key={item.sha256}>
          <Typography.Text>{item.name}</Typography.Text>{' '}
          <Typography.Text code copyable={{ text: item.sha256 }} style={{ wordBreak: 'break-all' }}>
            {item.sha256}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}
