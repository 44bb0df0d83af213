import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/reset.css';
import { App } from './app';

/** The console itself (React's renderer, Ant Design, the frame): the chunk main.tsx fetches beside the first page's. */
export function renderConsole(root: HTMLElement): void {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
