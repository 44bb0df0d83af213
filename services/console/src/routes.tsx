import { Suspense } from 'react';
import { Spin } from 'antd';
import { Route } from 'react-router-dom';
import { PAGES } from './page-table';

/** The routes of the pages (page-table.ts); one whose chunk is not there yet shows a spinner until it is (or until the catalogue it reads is). */
export function pageRoutes(pages: readonly { readonly path: string; readonly Component: React.ComponentType<object> }[] = PAGES) {
  return pages.map(({ path, Component }) => (
    <Route
      key={path}
      path={path}
      element={
        <Suspense fallback={<Spin />}>
          <Component />
        </Suspense>
      }
    />
  ));
}
